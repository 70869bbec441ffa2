namespace ImageService.Infra.Constructs;

public sealed record ApiIdentityProps
{
    /// <summary>An existing issuer (https URL); null creates a Cognito user pool and app client.</summary>
    public string? ExistingIssuer { get; init; }

    public IReadOnlyList<string> ExistingAudience { get; init; } = [];

    public required bool RetainUsers { get; init; }
}
