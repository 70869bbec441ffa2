using ImageService.Core.Billing;

namespace ImageService.Api.Usage;

/// <summary>The month's overage reported to Stripe's meters (accepted), and what is recorded but not yet accepted
/// (sent again by the next run).</summary>
public sealed record ReportedUsageResponse(long Transformations, long BandwidthBytes, long PendingTransformations, long PendingBandwidthBytes)
{
    public static ReportedUsageResponse None { get; } = new(0, 0, 0, 0);

    public static ReportedUsageResponse From(IReadOnlyList<MeterReport> reports)
    {
        ArgumentNullException.ThrowIfNull(reports);
        long Sum(BillingMeter meter, bool sent) => reports.Where(r => r.Meter == meter && r.ReportedAt is not null == sent).Sum(r => r.Quantity);
        return new(Sum(BillingMeter.Transformations, true), Sum(BillingMeter.Bandwidth, true),
            Sum(BillingMeter.Transformations, false), Sum(BillingMeter.Bandwidth, false));
    }
}
