using ImageService.Core.Billing;

namespace ImageService.Api.Hosting;

/// <summary>
/// The plan catalog, bound from the <c>Plans</c> configuration section over these code defaults (so configuration
/// holds only what differs, e.g. <c>Plans:pro:StripePriceId</c>; see PlanCatalogSettings). Defaults:
/// free = 2048 px, no AVIF, no signed URLs, 10 req/s, 1,000 transformations and 1 GiB a month;
/// pro = 4096 px, AVIF, signed URLs, 100 req/s, 100,000 transformations and 100 GiB;
/// business = 8192 px, AVIF, signed URLs, custom domains, 1,000 req/s, 2,000,000 transformations and 2 TiB.
/// </summary>
public sealed class PlanCatalogOptions
{
    public const string SectionName = "Plans";

    /// <summary>The plan of a new account.</summary>
    public string DefaultPlanId { get; set; } = "free";

    public Dictionary<string, PlanSettings> Plans { get; set; } = new(StringComparer.Ordinal)
    {
        ["free"] = new PlanSettings
        {
            DisplayName = "Free",
            MaxOutputDimension = 2048,
            RequestsPerSecond = 10,
            MonthlyTransformations = 1_000,
            MonthlyBandwidthBytes = 1L << 30,
        },
        ["pro"] = new PlanSettings
        {
            DisplayName = "Pro",
            MaxOutputDimension = 4096,
            AvifAllowed = true,
            SignedUrls = true,
            RequestsPerSecond = 100,
            MonthlyTransformations = 100_000,
            MonthlyBandwidthBytes = 100L << 30,
        },
        ["business"] = new PlanSettings
        {
            DisplayName = "Business",
            MaxOutputDimension = 8192,
            AvifAllowed = true,
            SignedUrls = true,
            CustomDomains = true,
            RequestsPerSecond = 1_000,
            MonthlyTransformations = 2_000_000,
            MonthlyBandwidthBytes = 2L << 40,
        },
    };

    /// <summary>The catalog these settings describe; <see cref="PlanCatalog"/> checks every plan, so a bad setting fails
    /// at startup.</summary>
    public PlanCatalog ToCatalog() => new(DefaultPlanId, Plans.Select(plan => plan.Value.ToPlan(plan.Key)));
}
