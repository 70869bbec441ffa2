namespace ImageService.Core.Billing;

/// <summary>A plan feature a request can need; <see cref="PlanFeatures.Name"/> gives the stable name used in problem details.</summary>
public enum PlanFeature
{
    /// <summary>Output larger than <see cref="Plan.MaxOutputDimension"/>.</summary>
    OutputDimension,
    Avif,
    SignedUrls,
    CustomDomains,
}
