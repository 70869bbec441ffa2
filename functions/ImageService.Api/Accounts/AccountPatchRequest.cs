namespace ImageService.Api.Accounts;

/// <summary>PATCH /account: an absent (or null) member leaves the setting unchanged. An empty <see cref="AllowedOrigins"/>
/// removes the origin restriction; an empty <see cref="DefaultTransform"/> clears it.</summary>
public sealed record AccountPatchRequest
{
    public IReadOnlyList<string>? AllowedOrigins { get; init; }
    public bool? StrictOrigins { get; init; }
    public bool? RequireSignedUrls { get; init; }
    /// <summary>A transform query string such as <c>q=75&amp;f=auto</c>, applied under each delivery URL's own parameters.</summary>
    public string? DefaultTransform { get; init; }
    /// <summary>Host names to deliver from (<c>img.shop.example</c>); replaces the list, an empty list removes them all.
    /// Needs a plan with custom domains; a name another account holds is 409.</summary>
    public IReadOnlyList<string?>? CustomDomains { get; init; }
}
