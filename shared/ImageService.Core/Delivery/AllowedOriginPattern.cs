using System.Globalization;

namespace ImageService.Core.Delivery;

/// <summary>
/// One allowed-origins entry: a host (<c>shop.example.com</c>, <c>localhost</c>, <c>203.0.113.7</c>) or a wildcard
/// <c>*.example.com</c>, optionally with a port (<c>localhost:3000</c>). Without a port it matches every port; with one,
/// only that port (the scheme's default port counts: <c>example.com:443</c> matches <c>https://example.com</c>).
/// <c>*.example.com</c> matches one or more labels in front of <c>example.com</c> (<c>a.example.com</c>,
/// <c>a.b.example.com</c>) but not <c>example.com</c> itself: list the bare domain separately when it serves pages too.
/// </summary>
public sealed record AllowedOriginPattern
{
    private const int MaxHostLength = 253;

    private AllowedOriginPattern(string host, bool wildcard, int? port)
    {
        Host = host;
        IsWildcard = wildcard;
        Port = port;
    }

    /// <summary>Lower-case host, without the <c>*.</c> of a wildcard.</summary>
    public string Host { get; }
    public bool IsWildcard { get; }
    public int? Port { get; }

    /// <summary>Parses and normalises (lower-cases) an entry; on failure <paramref name="error"/> says what is wrong with it.</summary>
    public static bool TryParse(string? entry, out AllowedOriginPattern? pattern, out string? error)
    {
        pattern = null;
        error = Check(entry?.Trim() ?? "", out var host, out var wildcard, out var port);
        if (error is null)
        {
            pattern = new AllowedOriginPattern(host, wildcard, port);
        }

        return error is null;
    }

    /// <summary>True when a request host (already lower-case, as <see cref="Uri.Host"/> gives it) and port are allowed.</summary>
    public bool Matches(string host, int port)
    {
        if (Port is { } required && required != port)
        {
            return false;
        }

        return IsWildcard
            // The dot before the base is what keeps evil-example.com and example.com.evil.net out.
            ? host.Length > Host.Length + 1 && host.EndsWith(Host, StringComparison.Ordinal) && host[^(Host.Length + 1)] == '.'
            : host == Host;
    }

    public override string ToString() =>
        (IsWildcard ? "*." : "") + Host + (Port is { } port ? ":" + port.ToString(CultureInfo.InvariantCulture) : "");

    private static string? Check(string entry, out string host, out bool wildcard, out int? port)
    {
        host = "";
        wildcard = false;
        port = null;
        if (entry.Length == 0)
        {
            return "An entry is empty.";
        }

        if (entry.Contains("://", StringComparison.Ordinal))
        {
            return "Give the host only, without a scheme (example.com, not https://example.com).";
        }

        if (entry.IndexOfAny(['/', '?', '#', '@', '\\', ' ']) >= 0)
        {
            return "Give the host only, without a path, query, credentials or spaces.";
        }

        var text = entry.ToLowerInvariant();
        var colon = text.LastIndexOf(':');
        if (colon >= 0)
        {
            if (!int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var p) || p is < 1 or > 65535)
            {
                return "The port must be a number from 1 to 65535.";
            }

            port = p;
            text = text[..colon];
        }

        if (text.StartsWith("*.", StringComparison.Ordinal))
        {
            wildcard = true;
            text = text[2..];
            // No public-suffix list here: two labels is the cheap guard against "*.com".
            if (!text.Contains('.', StringComparison.Ordinal))
            {
                return "A wildcard needs a domain of at least two labels (*.example.com, not *.com).";
            }
        }

        if (text.Contains('*', StringComparison.Ordinal))
        {
            return "A wildcard is allowed only as the whole first label (*.example.com).";
        }

        if (text.Length is 0 or > MaxHostLength)
        {
            return "The host must be 1 to 253 characters.";
        }

        foreach (var label in text.Split('.'))
        {
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-' || !label.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
            {
                return "The host must be DNS labels of letters, digits and inner hyphens (use punycode, xn--…, for international names).";
            }
        }

        host = text;
        return null;
    }
}
