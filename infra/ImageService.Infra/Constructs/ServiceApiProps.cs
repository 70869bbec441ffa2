namespace ImageService.Infra.Constructs;

public sealed record ServiceApiProps
{
    public required ServiceFunctions Functions { get; init; }

    public required ApiIdentity Identity { get; init; }

    public required IReadOnlyList<string> CorsAllowedOrigins { get; init; }

    /// <summary>Optional custom domain (with an ACM certificate in the stack's region).</summary>
    public string? DomainName { get; init; }

    public string? CertificateArn { get; init; }
}
