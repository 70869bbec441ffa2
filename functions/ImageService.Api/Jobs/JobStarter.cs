using ImageService.Core.Jobs;

namespace ImageService.Api.Jobs;

/// <summary>
/// Stores a job, then enqueues one message per item (a job without items is stored settled). The order matters: a
/// message never names a job that is not stored yet, so no worker drops one as belonging to a deleted job. The store
/// records an outbox entry with the job; it is cleared once the messages are enqueued, so a crash in between leaves it
/// to <see cref="JobOutboxSweeper"/>.
/// </summary>
public sealed class JobStarter(IJobStore store, IJobQueue queue, TimeProvider time)
{
    public async Task<Job> StartAsync(Job job, IReadOnlyList<JobItem> items, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count == 0)
        {
            job = job with { Status = JobStatus.Succeeded, FinishedAt = time.GetUtcNow() };
        }
        await store.CreateAsync(job, items, cancellationToken).ConfigureAwait(false);
        if (items.Count == 0)
        {
            if (job.CallbackUrl is not null)
            {
                await queue.EnqueueAsync([JobMessage.Callback(job.OwnerId, job.Id)], cancellationToken).ConfigureAwait(false);
                await store.ClearOutboxAsync(job.OwnerId, job.Id, JobOutboxKind.Callback, CancellationToken.None).ConfigureAwait(false);
            }
            return job;
        }
        // Batches keep one enqueue call (one SQLite transaction, a few SQS SendMessageBatch calls) per 500 items.
        foreach (var batch in items.Chunk(500))
        {
            await queue.EnqueueAsync([.. batch.Select(item => JobMessage.Item(job.OwnerId, job.Id, item.ItemId))], CancellationToken.None)
                .ConfigureAwait(false);
        }
        await store.ClearOutboxAsync(job.OwnerId, job.Id, JobOutboxKind.Items, CancellationToken.None).ConfigureAwait(false);
        return job;
    }
}
