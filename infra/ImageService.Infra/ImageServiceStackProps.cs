using ImageService.Infra.Configuration;

namespace ImageService.Infra;

public sealed record ImageServiceStackProps
{
    public required StageSettings Stage { get; init; }

    /// <summary>Directory of the published Lambda artifact (contains <c>bootstrap</c>).</summary>
    public required string ArtifactDirectory { get; init; }

    /// <summary>Directory of the billing function's managed publish (<c>bootstrap</c>, <c>bootstrap.dll</c>, Stripe.net).</summary>
    public required string BillingArtifactDirectory { get; init; }

}
