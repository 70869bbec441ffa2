using ImageService.Core.Billing;
using ImageService.Core.Usage;

namespace ImageService.Api.Usage;

/// <summary>How Core's counters become the shared contract record; an extension member keeps <c>UsageResponse.From(…)</c>.</summary>
internal static class UsageContracts
{
    extension(UsageResponse)
    {
        public static UsageResponse From(UsageCounters counters, Plan plan)
        {
            ArgumentNullException.ThrowIfNull(counters);
            ArgumentNullException.ThrowIfNull(plan);
            return new(counters.Month, counters.Requests, counters.Transformations, counters.BytesServed, counters.CacheHits,
                plan.Id, plan.MonthlyTransformations, plan.MonthlyBandwidthBytes);
        }
    }
}
