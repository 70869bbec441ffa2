using ImageService.Core.Billing;
using ImageService.Core.Usage;

namespace ImageService.Api.Usage;

/// <summary>How Core's counters and meter reports become the shared contract records; extension members keep
/// <c>UsageResponse.From(…)</c> and <c>ReportedUsageResponse.From(…)</c>.</summary>
internal static class UsageContracts
{
    extension(UsageResponse)
    {
        public static UsageResponse From(UsageCounters counters, Plan plan, ReportedUsageResponse? reported = null)
        {
            ArgumentNullException.ThrowIfNull(counters);
            ArgumentNullException.ThrowIfNull(plan);
            return new(counters.Month, counters.Requests, counters.Transformations, counters.BytesServed, counters.CacheHits,
                plan.Id, plan.MonthlyTransformations, plan.MonthlyBandwidthBytes, reported ?? ReportedUsageResponse.None)
            {
                EdgeRequests = counters.Edge?.Requests,
                EdgeBytes = counters.Edge?.Bytes,
                BillableBandwidthBytes = counters.BillableBandwidthBytes,
            };
        }
    }

    extension(ReportedUsageResponse)
    {
        public static ReportedUsageResponse From(IReadOnlyList<MeterReport> reports)
        {
            ArgumentNullException.ThrowIfNull(reports);
            long Sum(BillingMeter meter, bool sent) => reports.Where(r => r.Meter == meter && r.ReportedAt is not null == sent).Sum(r => r.Quantity);
            return new(Sum(BillingMeter.Transformations, true), Sum(BillingMeter.Bandwidth, true),
                Sum(BillingMeter.Transformations, false), Sum(BillingMeter.Bandwidth, false));
        }
    }
}
