using ImageService.Core.Usage;

namespace ImageService.Core.Billing;

/// <summary>The usage that quotas and overage metering count. One place, so the bandwidth measure can move to the
/// edge's bytes (CloudFront logs) where they exist without touching the gates or the reporter.</summary>
public static class BillableUsage
{
    /// <summary>The month's billable bandwidth in bytes: today the origin's <see cref="UsageCounters.BytesServed"/>.</summary>
    public static long BillableBandwidth(UsageCounters usage)
    {
        ArgumentNullException.ThrowIfNull(usage);
        return usage.BytesServed;
    }

    public static long Used(UsageCounters usage, BillingMeter meter) =>
        meter == BillingMeter.Transformations ? usage?.Transformations ?? throw new ArgumentNullException(nameof(usage)) : BillableBandwidth(usage!);

    public static long Included(Plan plan, BillingMeter meter)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return meter == BillingMeter.Transformations ? plan.MonthlyTransformations : plan.MonthlyBandwidthBytes;
    }

    public static string? OveragePriceId(Plan plan, BillingMeter meter)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return meter == BillingMeter.Transformations ? plan.TransformationsOveragePriceId : plan.BandwidthOveragePriceId;
    }
}
