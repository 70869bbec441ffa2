namespace ImageService.Core.Jobs;

/// <summary>
/// A queue with at-least-once delivery (SQS + a dead-letter queue on AWS, a SQLite table on one machine). A received
/// message is invisible for the visibility timeout; unless it is acknowledged, retried or dead-lettered by then (its
/// worker died), it is delivered again with the next attempt number.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "It is a queue (SQS, a SQLite table), not a collection type.")]
public interface IJobQueue
{
    Task EnqueueAsync(IReadOnlyList<JobMessage> messages, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="max"/> visible messages, waiting up to <paramref name="wait"/> for one (long polling).</summary>
    Task<IReadOnlyList<QueuedMessage>> ReceiveAsync(int max, TimeSpan visibilityTimeout, TimeSpan wait, CancellationToken cancellationToken = default);

    /// <summary>Done with the message: it is removed.</summary>
    Task AckAsync(QueuedMessage message, CancellationToken cancellationToken = default);

    /// <summary>Delivers the message again after <paramref name="delay"/> as its next attempt.</summary>
    Task RetryAsync(QueuedMessage message, TimeSpan delay, CancellationToken cancellationToken = default);

    /// <summary>Delivers the message again after <paramref name="delay"/> without using up an attempt (the work waited for
    /// something outside it, such as an open circuit breaker).</summary>
    Task DeferAsync(QueuedMessage message, TimeSpan delay, CancellationToken cancellationToken = default);

    /// <summary>Moves the message to the dead-letter queue with <paramref name="reason"/>.</summary>
    Task DeadLetterAsync(QueuedMessage message, string reason, CancellationToken cancellationToken = default);
}
