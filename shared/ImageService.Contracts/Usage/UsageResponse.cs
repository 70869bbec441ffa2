using System.Text.Json.Serialization;

namespace ImageService.Contracts.Usage;

/// <summary>One month of an account's delivery usage with the plan's monthly limits beside it, and the overage reported
/// to Stripe for the month. <see cref="EdgeRequests"/> and <see cref="EdgeBytes"/> (what the CDN served, from its access
/// logs) are present only when the month has edge data; <see cref="BillableBandwidthBytes"/> is what the bandwidth quota
/// and the overage meter count.</summary>
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
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? EdgeRequests { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? EdgeBytes { get; init; }

    public long BillableBandwidthBytes { get; init; }
}
