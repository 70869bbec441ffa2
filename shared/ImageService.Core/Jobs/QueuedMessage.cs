namespace ImageService.Core.Jobs;

/// <summary>A received message. <see cref="Receipt"/> identifies this delivery (SQS receipt handle, SQLite lease);
/// <see cref="Attempt"/> counts deliveries, 1 on the first. <see cref="Body"/> is the raw text (it may be malformed).</summary>
public sealed record QueuedMessage(string MessageId, string Receipt, string Body, int Attempt, DateTimeOffset EnqueuedAt);
