namespace ImageService.Core.Jobs;

/// <summary>
/// Does one item of one kind of job. Returns the item's outcome when it is settled either way (a missing image is a
/// failure, not worth retrying); throws for a failure that may pass (storage, network), which the queue retries with
/// backoff and, past the attempt limit, dead-letters (the item then counts as failed). Throws
/// <see cref="JobDeferredException"/> when the work must wait for something outside it. Must be idempotent: a
/// message may be delivered more than once.
/// </summary>
public interface IJobKindHandler
{
    string Kind { get; }

    /// <param name="started">Call before starting real work: it marks the job running.</param>
    Task<JobItemOutcome> ProcessAsync(Job job, JobItem item, Func<Task> started, CancellationToken cancellationToken);
}
