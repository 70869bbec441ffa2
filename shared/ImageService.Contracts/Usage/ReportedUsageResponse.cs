namespace ImageService.Contracts.Usage;

/// <summary>The month's overage reported to Stripe's meters (accepted), and what is recorded but not yet accepted
/// (sent again by the next run).</summary>
public sealed record ReportedUsageResponse(long Transformations, long BandwidthBytes, long PendingTransformations, long PendingBandwidthBytes)
{
    public static ReportedUsageResponse None { get; } = new(0, 0, 0, 0);
}
