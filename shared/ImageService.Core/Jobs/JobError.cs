namespace ImageService.Core.Jobs;

/// <summary>Why one item of a job failed.</summary>
public sealed record JobError(string ItemId, string? ImageId, string Message, DateTimeOffset At);
