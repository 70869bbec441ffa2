using System.Globalization;

namespace ImageService.Core.Accounts;

/// <summary>
/// Host names an account delivers from besides <c>/{publicKey}/…</c> on the service's CDN: a customer points
/// <c>img.shop.example</c> at the CDN and serves <c>https://img.shop.example/{image}?w=400</c>. Needs a plan with custom
/// domains; each name belongs to at most one account (the store refuses a name another account holds).
/// </summary>
public static class CustomDomains
{
    public const int MaxPerAccount = 20;

    private const int MaxLength = 253;

    private static readonly IdnMapping Idn = new() { UseStd3AsciiRules = true };

    /// <summary>Checks a submitted list: every entry must be a DNS name of two or more labels (no wildcard, no IP
    /// address, no port). <see cref="CustomDomainsValidation.Normalized"/> is lower-case ASCII (internationalised names
    /// in punycode), without a trailing dot, duplicates removed, order kept.</summary>
    public static CustomDomainsValidation Validate(IReadOnlyList<string?> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var normalized = new List<string>();
        var errors = new List<(int Index, string Message)>();
        if (entries.Count > MaxPerAccount)
        {
            errors.Add((MaxPerAccount, string.Create(CultureInfo.InvariantCulture, $"An account can have at most {MaxPerAccount} custom domains.")));
        }
        for (var i = 0; i < entries.Count && i < MaxPerAccount; i++)
        {
            if (TryNormalize(entries[i], out var host, out var problem))
            {
                if (!normalized.Contains(host, StringComparer.Ordinal))
                {
                    normalized.Add(host);
                }
            }
            else
            {
                errors.Add((i, problem));
            }
        }
        return new CustomDomainsValidation(normalized, errors);
    }

    /// <summary>The host a delivery request arrived for (<c>Host</c> or <c>X-Forwarded-Host</c>, port removed), in the
    /// stored form, or null when it cannot be a custom domain.</summary>
    public static string? FromRequestHost(string? host)
    {
        if (string.IsNullOrWhiteSpace(host))
        {
            return null;
        }
        // X-Forwarded-Host may list proxies; the first is the client's.
        var first = host.Split(',')[0].Trim();
        var colon = first.LastIndexOf(':');
        if (colon > 0 && first.IndexOf(']', StringComparison.Ordinal) < 0)
        {
            first = first[..colon];
        }
        return TryNormalize(first, out var normalized, out _) ? normalized : null;
    }

    private static bool TryNormalize(string? entry, out string host, out string problem)
    {
        host = "";
        var trimmed = entry?.Trim().TrimEnd('.') ?? "";
        if (trimmed.Length == 0)
        {
            problem = "Give a host name such as img.example.com.";
            return false;
        }
        if (trimmed.Contains('*', StringComparison.Ordinal) || trimmed.Contains('/', StringComparison.Ordinal) || trimmed.Contains(':', StringComparison.Ordinal))
        {
            problem = "Give a bare host name (no scheme, path, port or wildcard), such as img.example.com.";
            return false;
        }
        string ascii;
        try
        {
            ascii = Idn.GetAscii(trimmed).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            problem = "This is not a valid host name.";
            return false;
        }
        var labels = ascii.Split('.');
        if (ascii.Length > MaxLength || labels.Length < 2 || Uri.CheckHostName(ascii) != UriHostNameType.Dns
            || labels[^1].All(char.IsAsciiDigit))
        {
            problem = "Give a DNS name with at least two labels (img.example.com); IP addresses are not custom domains.";
            return false;
        }
        host = ascii;
        problem = "";
        return true;
    }
}
