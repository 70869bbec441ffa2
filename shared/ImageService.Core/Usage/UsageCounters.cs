namespace ImageService.Core.Usage;

/// <summary>One account's usage in one month (<see cref="UsageMonth"/>); all zero when nothing was recorded.</summary>
public sealed record UsageCounters(
    string AccountId,
    string Month,
    long Requests,
    long Transformations,
    long BytesServed,
    long CacheHits)
{
    public static UsageCounters Empty(string accountId, string month) => new(accountId, month, 0, 0, 0, 0);
}
