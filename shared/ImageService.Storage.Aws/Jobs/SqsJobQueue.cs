using System.Globalization;
using Amazon.SQS;
using Amazon.SQS.Model;
using ImageService.Core.Jobs;
using ImageService.Core.Storage;

namespace ImageService.Storage.Aws.Jobs;

/// <summary>
/// The jobs queue on SQS. Receive counts come from <c>ApproximateReceiveCount</c>; a retry is a visibility change (the
/// message returns after the backoff, its receive count one higher); a deferral re-sends the body with a delay and
/// deletes the original, so waiting for a provider never uses up receives; a dead letter is sent to the dead-letter
/// queue with the reason as an attribute, then deleted. The redrive policy (<c>maxReceiveCount</c> =
/// <c>Jobs:MaxAttempts</c>) still catches a message whose worker kept dying before it could say anything.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "It is a queue, not a collection type.")]
public sealed class SqsJobQueue(Lazy<IAmazonSQS> client, AwsJobsOptions options) : IJobQueue
{
    public SqsJobQueue(IAmazonSQS sqs, AwsJobsOptions options) : this(new Lazy<IAmazonSQS>(() => sqs), options)
    {
    }

    public const string ReasonAttribute = "DeadLetterReason";
    private const int BatchSize = 10;
    private static readonly TimeSpan MaxVisibility = TimeSpan.FromHours(12);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(15);

    public async Task EnqueueAsync(IReadOnlyList<JobMessage> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var queueUrl = QueueUrl;
        foreach (var batch in messages.Chunk(BatchSize))
        {
            var request = new SendMessageBatchRequest
            {
                QueueUrl = queueUrl,
                Entries = [.. batch.Select((message, i) => new SendMessageBatchRequestEntry(i.ToString(CultureInfo.InvariantCulture), JobMessages.Write(message)))],
            };
            var response = await Guard(() => Sqs.SendMessageBatchAsync(request, cancellationToken), cancellationToken).ConfigureAwait(false);
            if (response.Failed is { Count: > 0 } failed)
            {
                throw new StorageUnavailableException($"SQS refused {failed.Count} of {batch.Length} messages: {failed[0].Code} {failed[0].Message}");
            }
        }
    }

    public async Task<IReadOnlyList<QueuedMessage>> ReceiveAsync(int max, TimeSpan visibilityTimeout, TimeSpan wait, CancellationToken cancellationToken = default)
    {
        var response = await Guard(() => Sqs.ReceiveMessageAsync(new ReceiveMessageRequest
        {
            QueueUrl = QueueUrl,
            MaxNumberOfMessages = Math.Clamp(max, 1, BatchSize),
            VisibilityTimeout = Seconds(visibilityTimeout, MaxVisibility),
            WaitTimeSeconds = Math.Clamp((int)wait.TotalSeconds, 0, 20),
            MessageSystemAttributeNames = ["ApproximateReceiveCount", "SentTimestamp"],
        }, cancellationToken), cancellationToken).ConfigureAwait(false);
        return [.. (response.Messages ?? []).Select(FromSqs)];
    }

    /// <summary>A message as SQS delivered it (in a receive answer or a Lambda event): its attributes give the attempt.</summary>
    public static QueuedMessage FromSqs(string messageId, string receiptHandle, string body, IReadOnlyDictionary<string, string>? attributes)
    {
        var attempt = attributes is not null && attributes.TryGetValue("ApproximateReceiveCount", out var count)
            && int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : 1;
        var sent = attributes is not null && attributes.TryGetValue("SentTimestamp", out var timestamp)
            && long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var millis)
            ? DateTimeOffset.FromUnixTimeMilliseconds(millis)
            : DateTimeOffset.UnixEpoch;
        return new QueuedMessage(messageId, receiptHandle, body, attempt, sent);
    }

    public Task AckAsync(QueuedMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        return Guard(() => Sqs.DeleteMessageAsync(QueueUrl, message.Receipt, cancellationToken), cancellationToken);
    }

    public Task RetryAsync(QueuedMessage message, TimeSpan delay, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        return Guard(() => Sqs.ChangeMessageVisibilityAsync(QueueUrl, message.Receipt, Seconds(delay, MaxVisibility), cancellationToken), cancellationToken);
    }

    public async Task DeferAsync(QueuedMessage message, TimeSpan delay, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        await Guard(() => Sqs.SendMessageAsync(new SendMessageRequest(QueueUrl, message.Body) { DelaySeconds = Seconds(delay, MaxDelay) }, cancellationToken),
            cancellationToken).ConfigureAwait(false);
        await AckAsync(message, cancellationToken).ConfigureAwait(false);
    }

    public async Task DeadLetterAsync(QueuedMessage message, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var deadLetterUrl = options.DeadLetterQueueUrl?.ToString()
            ?? throw new InvalidOperationException("Storage:Aws:Jobs:DeadLetterQueueUrl is not set.");
        await Guard(() => Sqs.SendMessageAsync(new SendMessageRequest(deadLetterUrl, message.Body)
        {
            MessageAttributes = new Dictionary<string, MessageAttributeValue>
            {
                [ReasonAttribute] = new() { DataType = "String", StringValue = reason.Length > 1000 ? reason[..1000] : reason },
            },
        }, cancellationToken), cancellationToken).ConfigureAwait(false);
        await AckAsync(message, cancellationToken).ConfigureAwait(false);
    }

    // Created on first use: a process that never touches the queue (most API functions) never needs SQS settings.
    private IAmazonSQS Sqs => client.Value;

    private string QueueUrl => options.QueueUrl?.ToString() ?? throw new InvalidOperationException("Storage:Aws:Jobs:QueueUrl is not set.");

    private static QueuedMessage FromSqs(Message message) =>
        FromSqs(message.MessageId, message.ReceiptHandle, message.Body, message.Attributes);

    private static int Seconds(TimeSpan span, TimeSpan max) => (int)Math.Ceiling(Math.Clamp(span.TotalSeconds, 0, max.TotalSeconds));

    private static async Task<T> Guard<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception ex) when (AwsFailures.IsUnavailable(ex, cancellationToken))
        {
            throw AwsFailures.Unavailable("SQS", ex);
        }
    }
}
