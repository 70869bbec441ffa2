using ImageService.Core.Usage;

namespace ImageService.Core.Billing;

/// <summary>The usage that quotas and overage metering count, in one place so the gates and the reporter agree.</summary>
public static class BillableUsage
{
    /// <summary>The month's billable bandwidth in bytes: <see cref="UsageCounters.BillableBandwidthBytes"/> (the edge's
    /// bytes where CloudFront logs exist for the month, else the origin's).</summary>
    public static long BillableBandwidth(UsageCounters usage)
    {
        ArgumentNullException.ThrowIfNull(usage);
        return usage.BillableBandwidthBytes;
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
