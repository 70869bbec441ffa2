using ImageService.Core.Jobs;
using Microsoft.Extensions.Options;

namespace ImageService.Api.Jobs;

/// <summary>
/// Sends again what a crash kept from the queue: the job store records an outbox entry with every new job (its items'
/// messages) and every settling with a callback (the callback's message), and <see cref="JobStarter"/> and
/// <see cref="JobDispatcher"/> clear it once the enqueue returned. An entry older than <see cref="JobsOptions.OutboxGrace"/>
/// therefore lost its enqueue: the job's pending items, or its callback, are enqueued again and the entry cleared.
/// A message that did reach the queue before the crash is then delivered twice, which the dispatcher's checks against
/// the stored state make harmless (a callback may be posted twice: receivers treat callbacks as at-least-once).
/// Runs when the embedded worker starts and every <see cref="JobsOptions.OutboxSweepInterval"/>.
/// </summary>
public sealed partial class JobOutboxSweeper(IJobStore store, IJobQueue queue, IOptions<JobsOptions> options, TimeProvider time,
    ILogger<JobOutboxSweeper> logger)
{
    private const int PageSize = 100;
    private const int EnqueueBatch = 500;

    /// <summary>Handles every entry older than the grace period; returns how many jobs had messages sent again.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var resent = 0;
        var before = time.GetUtcNow() - options.Value.OutboxGrace;
        var seen = new HashSet<(string, JobOutboxKind)>();
        while (true)
        {
            var entries = (await store.ListOutboxAsync(before, PageSize + seen.Count, cancellationToken).ConfigureAwait(false))
                .Where(e => !seen.Contains((e.JobId, e.Kind))).ToList();
            if (entries.Count == 0)
            {
                return resent;
            }
            foreach (var entry in entries)
            {
                seen.Add((entry.JobId, entry.Kind));
                if (await HandleAsync(entry, cancellationToken).ConfigureAwait(false))
                {
                    resent++;
                }
            }
        }
    }

    private async Task<bool> HandleAsync(JobOutboxEntry entry, CancellationToken cancellationToken)
    {
        var job = await store.GetAsync(entry.OwnerId, entry.JobId, cancellationToken).ConfigureAwait(false);
        var resent = false;
        if (entry.Kind == JobOutboxKind.Items)
        {
            if (job is not null && !JobStatuses.IsFinal(job.Status))
            {
                var pending = (await store.ListItemsAsync(entry.OwnerId, entry.JobId, cancellationToken).ConfigureAwait(false))
                    .Where(i => i.State == JobItemState.Pending)
                    .Select(i => JobMessage.Item(entry.OwnerId, entry.JobId, i.ItemId))
                    .ToList();
                foreach (var batch in pending.Chunk(EnqueueBatch))
                {
                    await queue.EnqueueAsync(batch, cancellationToken).ConfigureAwait(false);
                }
                LogResentItems(logger, entry.JobId, pending.Count);
                resent = pending.Count > 0;
            }
        }
        else if (job is { CallbackUrl: not null, Status: JobStatus.Succeeded or JobStatus.Failed })
        {
            await queue.EnqueueAsync([JobMessage.Callback(entry.OwnerId, entry.JobId)], cancellationToken).ConfigureAwait(false);
            LogResentCallback(logger, entry.JobId);
            resent = true;
        }
        else if (job is not null && !JobStatuses.IsFinal(job.Status))
        {
            // Recorded just before a settle that has not happened (DynamoDB writes them apart): the item whose
            // completion was cut off is delivered again and settles the job, and its dispatcher enqueues the callback.
            return false;
        }
        await store.ClearOutboxAsync(entry.OwnerId, entry.JobId, entry.Kind, cancellationToken).ConfigureAwait(false);
        return resent;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} was stored but its messages may never have been enqueued; {Count} pending items enqueued again")]
    private static partial void LogResentItems(ILogger logger, string jobId, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} settled but its callback may never have been enqueued; enqueued again")]
    private static partial void LogResentCallback(ILogger logger, string jobId);
}
