using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace ImageService.Contracts.Dashboard;

/// <summary>
/// The dashboard's Content-Security-Policy, one definition for both places that serve it: the API at /app/ locally and
/// CloudFront's response headers policy on AWS. Its code is same-origin WebAssembly (hence 'wasm-unsafe-eval', which is
/// not 'unsafe-eval'), plus the page's one inline script, the import map of fingerprinted module names, allowed by hash;
/// images come from the delivery origin; calls go to the API (and, on AWS, Cognito's token endpoint); Stripe's pages
/// are navigated to, never framed. Blazor sets inline styles (progress bars, the focus dot), hence style 'unsafe-inline'.
/// </summary>
public static partial class DashboardPolicy
{
    public static string ContentSecurityPolicy(string deliveryOrigin, string apiOrigin, string? importMapHash, string? signInOrigin = null) =>
        $"default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{(importMapHash is null ? "" : " " + importMapHash)}; " +
        $"img-src 'self' data: blob: {deliveryOrigin}; connect-src 'self' {apiOrigin} {deliveryOrigin}{(signInOrigin is null ? "" : " " + signInOrigin)}; " +
        "style-src 'self' 'unsafe-inline'; base-uri 'self'; form-action 'self'; object-src 'none'; frame-ancestors 'none'";

    /// <summary><c>'sha256-…'</c> of the page's import map text, or null when it has none.</summary>
    public static string? ImportMapHashOf(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var match = ImportMap().Match(html);
        return match.Success ? $"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(match.Groups[1].Value)))}'" : null;
    }

    [GeneratedRegex("""<script type="importmap">(.*?)</script>""", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex ImportMap();
}
