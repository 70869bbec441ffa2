namespace ImageService.Core.Usage;

/// <summary>One account's usage in one month (<see cref="UsageMonth"/>); all zero when nothing was recorded. The
/// positional counters are what reached the service (the origin); <see cref="Edge"/> is what the CDN served, from its
/// access logs, when any log of the month named the account (AWS only).</summary>
public sealed record UsageCounters(
    string AccountId,
    string Month,
    long Requests,
    long Transformations,
    long BytesServed,
    long CacheHits)
{
    public EdgeUsage? Edge { get; init; }

    /// <summary>
    /// The month's bandwidth for quotas and metering: the edge's bytes when the month has edge data, else the origin's.
    /// Behind a CDN the origin sees only cache misses, so the edge is the truth where it exists; its logs arrive up to
    /// an hour late (rarely up to a day), which delays, never loses, what counts. One place, so the quota check and the
    /// meter reporter cannot disagree.
    /// </summary>
    public long BillableBandwidthBytes => Edge?.Bytes ?? BytesServed;

    public static UsageCounters Empty(string accountId, string month) => new(accountId, month, 0, 0, 0, 0);
}
