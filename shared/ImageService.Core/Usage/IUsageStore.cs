namespace ImageService.Core.Usage;

/// <summary>
/// Per account, per month usage counters. Increments are atomic (a single SQLite UPSERT, a DynamoDB <c>ADD</c>), so
/// concurrent requests never lose a count; the delivery route records after the response is sent.
/// </summary>
public interface IUsageStore
{
    /// <summary>Adds <paramref name="delta"/> to the account's counters for <paramref name="month"/> (<see cref="UsageMonth"/>), creating them at zero first.</summary>
    Task AddAsync(string accountId, string month, UsageDelta delta, CancellationToken cancellationToken = default);

    /// <summary>The counters for the month; all zero when nothing was recorded.</summary>
    Task<UsageCounters> GetAsync(string accountId, string month, CancellationToken cancellationToken = default);
}
