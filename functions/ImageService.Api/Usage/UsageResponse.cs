using ImageService.Core.Billing;
using ImageService.Core.Usage;

namespace ImageService.Api.Usage;

/// <summary>One month of an account's delivery usage with the plan's monthly limits beside it, and the overage reported
/// to Stripe for the month.</summary>
public sealed record UsageResponse(
    string Month,
    long Requests,
    long Transformations,
    long BytesServed,
    long CacheHits,
    string PlanId,
    long MonthlyTransformations,
    long MonthlyBandwidthBytes,
    ReportedUsageResponse Reported)
{
    public static UsageResponse From(UsageCounters counters, Plan plan, ReportedUsageResponse? reported = null)
    {
        ArgumentNullException.ThrowIfNull(counters);
        ArgumentNullException.ThrowIfNull(plan);
        return new(counters.Month, counters.Requests, counters.Transformations, counters.BytesServed, counters.CacheHits,
            plan.Id, plan.MonthlyTransformations, plan.MonthlyBandwidthBytes, reported ?? ReportedUsageResponse.None);
    }
}
