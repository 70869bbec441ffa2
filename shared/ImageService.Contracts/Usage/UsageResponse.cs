namespace ImageService.Contracts.Usage;

/// <summary>One month of an account's delivery usage with the plan's monthly limits beside it.</summary>
public sealed record UsageResponse(
    string Month,
    long Requests,
    long Transformations,
    long BytesServed,
    long CacheHits,
    string PlanId,
    long MonthlyTransformations,
    long MonthlyBandwidthBytes);
