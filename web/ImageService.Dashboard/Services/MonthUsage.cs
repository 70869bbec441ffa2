using ImageService.Contracts.Usage;

namespace ImageService.Dashboard.Services;

/// <summary>One month of GET /usage: the origin counters and, where the CDN reports them, the edge counters.</summary>
public sealed record MonthUsage(UsageResponse Usage, EdgeUsage Edge);
