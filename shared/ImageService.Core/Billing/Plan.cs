namespace ImageService.Core.Billing;

/// <summary>What an account on a plan may do; the composition root builds them from configuration into the
/// <see cref="PlanCatalog"/>.</summary>
public sealed record Plan
{
    public required string Id { get; init; }
    public required string DisplayName { get; init; }
    /// <summary>Largest output width or height in pixels (after dpr).</summary>
    public required int MaxOutputDimension { get; init; }
    /// <summary>May deliver AVIF (explicit <c>f=avif</c>, or chosen by <c>f=auto</c>).</summary>
    public required bool AvifAllowed { get; init; }
    /// <summary>May use signed URLs (sign, require, and create them with <c>POST /account/signed-urls</c>).</summary>
    public required bool SignedUrls { get; init; }
    /// <summary>Every delivery URL of accounts on this plan must be signed, whatever the account's own setting.</summary>
    public required bool SignedUrlsRequired { get; init; }
    public required bool CustomDomains { get; init; }
    /// <summary>Delivery requests per second per account (a fixed one-second window).</summary>
    public required int RequestsPerSecond { get; init; }
    /// <summary>Renders (derived-cache misses) per calendar month (UTC).</summary>
    public required long MonthlyTransformations { get; init; }
    /// <summary>Response bytes of delivery per calendar month (UTC).</summary>
    public required long MonthlyBandwidthBytes { get; init; }
    /// <summary>The Stripe price that bills this plan; null for a plan that is not sold (free).</summary>
    public string? StripePriceId { get; init; }
    /// <summary>The metered Stripe price of transformations past <see cref="MonthlyTransformations"/>; when set (and the
    /// account's subscription is live) the quota bills overage instead of refusing.</summary>
    public string? TransformationsOveragePriceId { get; init; }
    /// <summary>The metered Stripe price of bandwidth past <see cref="MonthlyBandwidthBytes"/> (see
    /// <see cref="TransformationsOveragePriceId"/>).</summary>
    public string? BandwidthOveragePriceId { get; init; }

    /// <summary>Can be bought with Checkout: it has a price.</summary>
    public bool Purchasable => StripePriceId is not null;

    /// <summary>The overage price of a quota, or null when the quota refuses past its limit.</summary>
    public string? OveragePriceId(QuotaKind quota) =>
        quota == QuotaKind.Transformations ? TransformationsOveragePriceId : BandwidthOveragePriceId;
}
