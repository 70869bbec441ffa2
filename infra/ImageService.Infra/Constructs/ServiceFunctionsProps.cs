namespace ImageService.Infra.Constructs;

public sealed record ServiceFunctionsProps
{
    /// <summary>The published artifact (a directory with <c>bootstrap</c>); every function deploys this one asset.</summary>
    public required string ArtifactDirectory { get; init; }

    /// <summary>The billing function's artifact (managed, with Stripe.net); only <see cref="Routes.RouteGroup.Billing"/> deploys it.</summary>
    public required string BillingArtifactDirectory { get; init; }

    public required int MemorySizeMb { get; init; }

    public required int LogRetentionDays { get; init; }

    public required bool RetainLogs { get; init; }

    /// <summary>Configuration every function reads (storage backend, table and bucket names).</summary>
    public required IReadOnlyDictionary<string, string> Environment { get; init; }
}
