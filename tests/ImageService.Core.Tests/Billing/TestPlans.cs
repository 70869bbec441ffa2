using ImageService.Core.Billing;

namespace ImageService.Core.Tests.Billing;

/// <summary>The three plans the service ships with (the composition root's code defaults), written out here so Core's
/// tests do not depend on configuration binding.</summary>
internal static class TestPlans
{
    public static Plan Free() => new()
    {
        Id = "free", DisplayName = "Free", MaxOutputDimension = 2048, AvifAllowed = false, SignedUrls = false,
        SignedUrlsRequired = false, CustomDomains = false, RequestsPerSecond = 10, MonthlyTransformations = 1_000,
        MonthlyBandwidthBytes = 1L << 30,
    };

    public static Plan Pro() => new()
    {
        Id = "pro", DisplayName = "Pro", MaxOutputDimension = 4096, AvifAllowed = true, SignedUrls = true,
        SignedUrlsRequired = false, CustomDomains = false, RequestsPerSecond = 100, MonthlyTransformations = 100_000,
        MonthlyBandwidthBytes = 100L << 30,
    };

    public static Plan Business() => new()
    {
        Id = "business", DisplayName = "Business", MaxOutputDimension = 8192, AvifAllowed = true, SignedUrls = true,
        SignedUrlsRequired = false, CustomDomains = true, RequestsPerSecond = 1_000, MonthlyTransformations = 2_000_000,
        MonthlyBandwidthBytes = 2L << 40,
    };

    public static PlanCatalog Catalog() => new("free", [Free(), Pro(), Business()]);
}
