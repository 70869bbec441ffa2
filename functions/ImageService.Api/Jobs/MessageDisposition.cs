namespace ImageService.Api.Jobs;

/// <summary>What became of one received message (the SQS event handler turns <see cref="Retrying"/> and
/// <see cref="Deferred"/> into batch item failures so Lambda does not delete them).</summary>
public enum MessageDisposition
{
    /// <summary>Processed, or nothing left to do (a duplicate, a canceled job): removed.</summary>
    Acked,
    /// <summary>Failed for now; delivered again after a backoff.</summary>
    Retrying,
    /// <summary>Waiting for an unavailable provider; delivered again later without using an attempt.</summary>
    Deferred,
    /// <summary>Given up: in the dead-letter queue, its item counted as failed.</summary>
    DeadLettered,
}
