namespace ImageService.Core.Jobs;

/// <summary>
/// Jobs and their items, owner-scoped like images (another owner's job reads as absent). Implemented by SQLite (one
/// transaction per change) and DynamoDB (one conditional UpdateItem per change), with the same observable behaviour.
/// </summary>
public interface IJobStore
{
    /// <summary>Stores a new job with its items (all pending), and with it an outbox entry (<see cref="JobOutboxEntry"/>):
    /// <see cref="JobOutboxKind.Items"/> when it has items, <see cref="JobOutboxKind.Callback"/> when it is stored
    /// settled with a callback URL. Throws <see cref="Storage.ConflictException"/> when the id is in use.</summary>
    Task CreateAsync(Job job, IReadOnlyList<JobItem> items, CancellationToken cancellationToken = default);

    Task<Job?> GetAsync(string ownerId, string jobId, CancellationToken cancellationToken = default);

    /// <summary>The owner's jobs, newest first (CreatedAt then Id, descending).</summary>
    Task<JobPage> ListAsync(string ownerId, int limit, string? after, CancellationToken cancellationToken = default);

    Task<JobItem?> GetItemAsync(string ownerId, string jobId, string itemId, CancellationToken cancellationToken = default);

    /// <summary>Queued → running (and the reason cleared); any other status is left as it is.</summary>
    Task MarkRunningAsync(string ownerId, string jobId, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Queued or running → queued with <paramref name="reason"/> (a provider outage); finished jobs are left.</summary>
    Task MarkWaitingAsync(string ownerId, string jobId, string reason, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records an item's outcome exactly once: only a pending item changes, and in the same atomic write the job's
    /// done or failed counter moves by one, its result ids and error are appended, and, when that was the last item of
    /// a job that is not finished, the job settles (<see cref="JobStatuses.Settled"/>) with <paramref name="now"/> as
    /// its finish time, and records a <see cref="JobOutboxKind.Callback"/> outbox entry when the job has a callback URL.
    /// A duplicate delivery of a finished item changes nothing.
    /// </summary>
    Task<ItemCompletion> CompleteItemAsync(string ownerId, string jobId, string itemId, JobItemOutcome outcome, DateTimeOffset now,
        CancellationToken cancellationToken = default);

    /// <summary>The job's items with their states, in item id order (ordinal); empty when the job is absent.</summary>
    Task<IReadOnlyList<JobItem>> ListItemsAsync(string ownerId, string jobId, CancellationToken cancellationToken = default);

    /// <summary>Outbox entries recorded before <paramref name="before"/>, oldest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<JobOutboxEntry>> ListOutboxAsync(DateTimeOffset before, int limit, CancellationToken cancellationToken = default);

    /// <summary>Removes the job's outbox entry of <paramref name="kind"/> (its messages are in the queue); absent is fine.</summary>
    Task ClearOutboxAsync(string ownerId, string jobId, JobOutboxKind kind, CancellationToken cancellationToken = default);

    /// <summary>Sets a job that is not finished to canceled at <paramref name="now"/>.</summary>
    Task<CancelResult> CancelAsync(string ownerId, string jobId, DateTimeOffset now, CancellationToken cancellationToken = default);
}
