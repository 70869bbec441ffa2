using System.Text.Json.Serialization;

namespace ImageService.Contracts.Accounts;

/// <summary>
/// JSON merge-patch style body of PATCH /account, as PATCH /images/{id}: an absent member leaves the setting
/// unchanged, a member set to null resets it to its default (no origin restriction, not strict, unsigned URLs allowed,
/// no default transform, no custom domains, arbitrary transforms allowed). The setters record presence, which plain nullable properties cannot
/// express.
/// </summary>
public sealed class AccountPatchRequest
{
    private IReadOnlyList<string>? allowedOrigins;
    private bool? strictOrigins;
    private bool? requireSignedUrls;
    private string? defaultTransform;
    private IReadOnlyList<string?>? customDomains;
    private bool? allowArbitraryTransforms;

    /// <summary>Hosts allowed to embed delivery URLs; [] or null removes the restriction.</summary>
    public IReadOnlyList<string>? AllowedOrigins { get => allowedOrigins; set { allowedOrigins = value; HasAllowedOrigins = true; } }

    public bool? StrictOrigins { get => strictOrigins; set { strictOrigins = value; HasStrictOrigins = true; } }

    public bool? RequireSignedUrls { get => requireSignedUrls; set { requireSignedUrls = value; HasRequireSignedUrls = true; } }

    /// <summary>A transform query string such as <c>q=75&amp;f=auto</c>, applied under each delivery URL's own
    /// parameters; "" or null clears it.</summary>
    public string? DefaultTransform { get => defaultTransform; set { defaultTransform = value; HasDefaultTransform = true; } }

    /// <summary>Host names to deliver from (<c>img.shop.example</c>); replaces the list, [] or null removes them all.
    /// Needs a plan with custom domains; a name another account holds is 409.</summary>
    public IReadOnlyList<string?>? CustomDomains { get => customDomains; set { customDomains = value; HasCustomDomains = true; } }

    /// <summary>false: delivery serves only <c>?variant={name}</c> URLs (PUT /account/variants/{name}); null resets to true.</summary>
    public bool? AllowArbitraryTransforms { get => allowArbitraryTransforms; set { allowArbitraryTransforms = value; HasAllowArbitraryTransforms = true; } }

    [JsonIgnore] public bool HasAllowedOrigins { get; private set; }
    [JsonIgnore] public bool HasStrictOrigins { get; private set; }
    [JsonIgnore] public bool HasRequireSignedUrls { get; private set; }
    [JsonIgnore] public bool HasDefaultTransform { get; private set; }
    [JsonIgnore] public bool HasCustomDomains { get; private set; }
    [JsonIgnore] public bool HasAllowArbitraryTransforms { get; private set; }
}
