namespace ImageService.Api.Jobs;

public sealed record JobErrorResponse(string ItemId, string? ImageId, string Message, DateTimeOffset At);
