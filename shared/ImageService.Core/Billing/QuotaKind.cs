namespace ImageService.Core.Billing;

public enum QuotaKind
{
    /// <summary><see cref="Plan.MonthlyTransformations"/>: renders (derived-cache misses).</summary>
    Transformations,
    /// <summary><see cref="Plan.MonthlyBandwidthBytes"/>: delivered response bytes.</summary>
    Bandwidth,
}
