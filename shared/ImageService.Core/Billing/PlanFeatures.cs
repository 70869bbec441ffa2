namespace ImageService.Core.Billing;

public static class PlanFeatures
{
    /// <summary>The stable, documented name of a feature (<c>max-output-dimension</c>, <c>avif</c>, <c>signed-urls</c>, <c>custom-domains</c>).</summary>
    public static string Name(this PlanFeature feature) => feature switch
    {
        PlanFeature.OutputDimension => "max-output-dimension",
        PlanFeature.Avif => "avif",
        PlanFeature.SignedUrls => "signed-urls",
        PlanFeature.CustomDomains => "custom-domains",
        _ => throw new ArgumentOutOfRangeException(nameof(feature), feature, null),
    };
}
