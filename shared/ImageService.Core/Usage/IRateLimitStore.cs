namespace ImageService.Core.Usage;

/// <summary>
/// Fixed-window request counters for rate limiting, shared by every instance of the service (Lambda has many).
/// </summary>
public interface IRateLimitStore
{
    /// <summary>
    /// Atomically adds <paramref name="permits"/> to the account's counter for the window starting at
    /// <paramref name="windowStart"/> (unix seconds) if the sum stays within <paramref name="limit"/>, else adds nothing:
    /// of any number of concurrent calls, the counter never passes the limit and with one permit each exactly
    /// <paramref name="limit"/> are acquired. A single conditional write (SQLite UPSERT … WHERE, DynamoDB ADD with a
    /// condition), never read-then-write. Stores may drop the account's older windows.
    /// </summary>
    Task<RateWindowResult> TryAcquireAsync(string accountId, long windowStart, int limit, int permits = 1, CancellationToken cancellationToken = default);
}
