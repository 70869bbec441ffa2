namespace ImageService.Api.Observability;

/// <summary>One queue's state for the job gauges: <paramref name="Queue"/> is a fixed name (e.g. "jobs", "jobs-dlq").</summary>
public sealed record JobQueueSnapshot(string Queue, long Depth, TimeSpan OldestAge);
