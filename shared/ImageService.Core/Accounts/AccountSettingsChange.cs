namespace ImageService.Core.Accounts;

/// <summary>
/// The body of <c>PATCH /account</c>: null leaves a setting unchanged. <see cref="DefaultTransform"/> is a transform
/// query string (<c>q=75&amp;f=auto</c>); an empty string clears it. An empty <see cref="AllowedOrigins"/> list removes
/// the origin restriction; an empty <see cref="CustomDomains"/> list removes the account's domains.
/// </summary>
public sealed record AccountSettingsChange
{
    public IReadOnlyList<string>? AllowedOrigins { get; init; }
    public bool? StrictOrigins { get; init; }
    public bool? RequireSignedUrls { get; init; }
    public string? DefaultTransform { get; init; }
    public bool? AllowArbitraryTransforms { get; init; }
    /// <summary>Replaces the account's custom domains; an empty list removes them all.</summary>
    public IReadOnlyList<string?>? CustomDomains { get; init; }
}
