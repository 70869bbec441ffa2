using ImageService.Core.Billing;

namespace ImageService.Api.Hosting;

/// <summary>
/// One plan in configuration (<c>Plans:{id}:…</c>). Mutable only so configuration binding can fill it; the
/// service reads the immutable <see cref="Plan"/> from <see cref="PlanCatalog"/>.
/// </summary>
public sealed class PlanSettings
{
    public string? DisplayName { get; set; }
    public int MaxOutputDimension { get; set; } = 2048;
    public bool AvifAllowed { get; set; }
    public bool SignedUrls { get; set; }
    public bool SignedUrlsRequired { get; set; }
    public bool CustomDomains { get; set; }
    public int RequestsPerSecond { get; set; } = 10;
    public long MonthlyTransformations { get; set; } = 1_000;
    public long MonthlyBandwidthBytes { get; set; } = 1L << 30;
    public string? StripePriceId { get; set; }
    /// <summary><c>Plans:{id}:Overage:TransformationsPriceId</c> / <c>BandwidthPriceId</c>: metered Stripe prices that
    /// bill usage past the included amounts instead of refusing it.</summary>
    public PlanOverageSettings Overage { get; set; } = new();

    public Plan ToPlan(string id) => new()
    {
        Id = id,
        DisplayName = string.IsNullOrWhiteSpace(DisplayName) ? id : DisplayName,
        MaxOutputDimension = MaxOutputDimension,
        AvifAllowed = AvifAllowed,
        SignedUrls = SignedUrls,
        SignedUrlsRequired = SignedUrlsRequired,
        CustomDomains = CustomDomains,
        RequestsPerSecond = RequestsPerSecond,
        MonthlyTransformations = MonthlyTransformations,
        MonthlyBandwidthBytes = MonthlyBandwidthBytes,
        StripePriceId = NullIfBlank(StripePriceId),
        TransformationsOveragePriceId = NullIfBlank(Overage.TransformationsPriceId),
        BandwidthOveragePriceId = NullIfBlank(Overage.BandwidthPriceId),
    };

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
