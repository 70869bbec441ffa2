namespace ImageService.Api.Hosting;

/// <summary><c>Plans:{id}:Overage</c>: the metered Stripe prices of a plan's overage (empty = the quota refuses).</summary>
public sealed class PlanOverageSettings
{
    public string? TransformationsPriceId { get; set; }

    public string? BandwidthPriceId { get; set; }
}
