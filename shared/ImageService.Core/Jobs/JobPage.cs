namespace ImageService.Core.Jobs;

/// <summary>A page of an owner's jobs, newest first; <see cref="Next"/> is the store's raw position, null on the last page.</summary>
public sealed record JobPage(IReadOnlyList<Job> Items, string? Next);
