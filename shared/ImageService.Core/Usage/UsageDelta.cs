namespace ImageService.Core.Usage;

/// <summary>What one or more requests add to the counters (never negative).</summary>
public readonly record struct UsageDelta(long Requests, long Transformations, long BytesServed, long CacheHits)
{
    /// <summary>One delivered response: <paramref name="rendered"/> when the engine made it (a transformation),
    /// else it came from the derived cache (a cache hit).</summary>
    public static UsageDelta ForDelivery(long bytesServed, bool rendered) =>
        new(1, rendered ? 1 : 0, bytesServed, rendered ? 0 : 1);

    /// <summary>A refused or not-modified request: counted, nothing served.</summary>
    public static UsageDelta RequestOnly => new(1, 0, 0, 0);
}
