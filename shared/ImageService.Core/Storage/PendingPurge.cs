namespace ImageService.Core.Storage;

/// <summary>A CDN purge that failed and is still owed: the delivery paths, when it was first asked for, and how many
/// attempts have failed so far.</summary>
public sealed record PendingPurge(string Id, IReadOnlyList<string> Paths, DateTimeOffset CreatedAt, int Attempts);
