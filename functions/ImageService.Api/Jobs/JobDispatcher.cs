using System.Collections.Frozen;
using ImageService.Core.Jobs;
using Microsoft.Extensions.Options;

namespace ImageService.Api.Jobs;

/// <summary>
/// Handles one delivered queue message, on either backend (the embedded worker and the SQS worker function call it).
/// Every check is against the stored job, so at-least-once delivery is harmless: a message for a canceled or finished
/// job, or for an item already done, is acknowledged without work; an item's outcome counts once
/// (<see cref="IJobStore.CompleteItemAsync"/>). A failing item is retried with exponential backoff and full jitter up
/// to <see cref="JobsOptions.MaxAttempts"/> deliveries, then dead-lettered and counted as failed. A message whose work
/// is cut off by shutdown is left alone: its visibility timeout brings it back.
/// </summary>
public sealed partial class JobDispatcher
{
    private const int MaxErrorLength = 500;

    private readonly IJobStore _store;
    private readonly IJobQueue _queue;
    private readonly FrozenDictionary<string, IJobKindHandler> _handlers;
    private readonly JobCallbacks _callbacks;
    private readonly JobsOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<JobDispatcher> _logger;

    public JobDispatcher(IJobStore store, IJobQueue queue, IEnumerable<IJobKindHandler> handlers, JobCallbacks callbacks,
        IOptions<JobsOptions> options, TimeProvider time, ILogger<JobDispatcher> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        (_store, _queue, _callbacks, _options, _time, _logger) = (store, queue, callbacks, options.Value, time, logger);
        _handlers = handlers.ToFrozenDictionary(h => h.Kind, StringComparer.Ordinal);
    }

    public bool Handles(string kind) => _handlers.ContainsKey(kind);

    public async Task<MessageDisposition> HandleAsync(QueuedMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!JobMessages.TryRead(message.Body, out var body))
        {
            LogMalformed(_logger, message.MessageId);
            await _queue.DeadLetterAsync(message, "The message is not a job message.", CancellationToken.None).ConfigureAwait(false);
            return MessageDisposition.DeadLettered;
        }
        try
        {
            if (body.IsCallback)
            {
                await _callbacks.SendAsync(body.OwnerId, body.JobId, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await RunItemAsync(body.OwnerId, body.JobId, body.ItemId!, cancellationToken).ConfigureAwait(false);
            }
            await _queue.AckAsync(message, CancellationToken.None).ConfigureAwait(false);
            return MessageDisposition.Acked;
        }
        catch (JobDeferredException deferred)
        {
            LogDeferred(_logger, body.JobId, deferred.Message, deferred.RetryAfter);
            await _store.MarkWaitingAsync(body.OwnerId, body.JobId, deferred.Message, CancellationToken.None).ConfigureAwait(false);
            await _queue.DeferAsync(message, deferred.RetryAfter, CancellationToken.None).ConfigureAwait(false);
            return MessageDisposition.Deferred;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            var error = Describe(ex);
            if (message.Attempt >= _options.MaxAttempts)
            {
                LogGaveUp(_logger, ex, body.JobId, body.ItemId, message.Attempt);
                if (!body.IsCallback)
                {
                    await CompleteAsync(body.OwnerId, body.JobId, body.ItemId!,
                        JobItemOutcome.Fail($"Failed after {message.Attempt} attempts: {error}"), CancellationToken.None).ConfigureAwait(false);
                }
                await _queue.DeadLetterAsync(message, error, CancellationToken.None).ConfigureAwait(false);
                return MessageDisposition.DeadLettered;
            }
            var delay = RetryBackoff.Delay(message.Attempt, _options.RetryBaseDelay, _options.RetryMaxDelay, Random.Shared.NextDouble());
            LogRetrying(_logger, ex, body.JobId, body.ItemId, message.Attempt, delay);
            await _queue.RetryAsync(message, delay, CancellationToken.None).ConfigureAwait(false);
            return MessageDisposition.Retrying;
        }
    }

    private async Task RunItemAsync(string ownerId, string jobId, string itemId, CancellationToken cancellationToken)
    {
        var job = await _store.GetAsync(ownerId, jobId, cancellationToken).ConfigureAwait(false);
        if (job is null || job.Status == JobStatus.Canceled)
        {
            return; // deleted or canceled: work not started is skipped
        }
        var item = await _store.GetItemAsync(ownerId, jobId, itemId, cancellationToken).ConfigureAwait(false);
        if (item is null || item.State != JobItemState.Pending)
        {
            LogDuplicate(_logger, jobId, itemId);
            return;
        }
        if (!_handlers.TryGetValue(job.Kind, out var handler))
        {
            await CompleteAsync(ownerId, jobId, itemId, JobItemOutcome.Fail($"No worker handles jobs of kind {job.Kind}."), cancellationToken).ConfigureAwait(false);
            return;
        }
        var outcome = await handler.ProcessAsync(job, item,
            () => _store.MarkRunningAsync(ownerId, jobId, _time.GetUtcNow(), cancellationToken), cancellationToken).ConfigureAwait(false);
        await CompleteAsync(ownerId, jobId, itemId, outcome, cancellationToken).ConfigureAwait(false);
    }

    private async Task CompleteAsync(string ownerId, string jobId, string itemId, JobItemOutcome outcome, CancellationToken cancellationToken)
    {
        var completion = await _store.CompleteItemAsync(ownerId, jobId, itemId, outcome, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        if (!completion.Counted)
        {
            LogDuplicate(_logger, jobId, itemId);
        }
        if (completion is { Finished: true, Job: { } job })
        {
            LogFinished(_logger, jobId, job.Status, job.Done, job.Failed);
            if (job.CallbackUrl is not null)
            {
                await _queue.EnqueueAsync([JobMessage.Callback(ownerId, jobId)], CancellationToken.None).ConfigureAwait(false);
                // The store recorded the callback in the outbox as it settled the job; a crash before this line leaves
                // it to JobOutboxSweeper.
                await _store.ClearOutboxAsync(ownerId, jobId, JobOutboxKind.Callback, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    private static string Describe(Exception ex)
    {
        var text = $"{ex.GetType().Name}: {ex.Message}";
        return text.Length <= MaxErrorLength ? text : text[..MaxErrorLength];
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Queue message {MessageId} is not a job message; dead-lettered")]
    private static partial void LogMalformed(ILogger logger, string messageId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} waits: {Reason}; retried in {RetryAfter}")]
    private static partial void LogDeferred(ILogger logger, string jobId, string reason, TimeSpan retryAfter);

    [LoggerMessage(Level = LogLevel.Error, Message = "Job {JobId} item {ItemId} failed on attempt {Attempt}, the last; dead-lettered")]
    private static partial void LogGaveUp(ILogger logger, Exception exception, string jobId, string? itemId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} item {ItemId} failed on attempt {Attempt}; retried in {Delay}")]
    private static partial void LogRetrying(ILogger logger, Exception exception, string jobId, string? itemId, int attempt, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Job {JobId} item {ItemId} was delivered again after it finished; nothing done")]
    private static partial void LogDuplicate(ILogger logger, string jobId, string itemId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} finished {Status}: {Done} done, {Failed} failed")]
    private static partial void LogFinished(ILogger logger, string jobId, JobStatus status, int done, int failed);
}
