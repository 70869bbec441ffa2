namespace ImageService.Core.Delivery;

/// <summary>
/// The allowed-origins rules of delivery (hotlink protection and CORS):
/// <list type="bullet">
/// <item>an empty list means no restriction: every request passes and CORS answers <c>*</c>;</item>
/// <item>otherwise the host of <c>Origin</c> is matched, or when there is no Origin (or it is <c>null</c>, as sandboxed
/// frames and privacy modes send) the host of <c>Referer</c>; case-insensitive, port per <see cref="AllowedOriginPattern"/>;</item>
/// <item>a request with neither passes unless the account is strict; a header that is present but not an absolute
/// http(s) URL fails.</item>
/// </list>
/// </summary>
public static class AllowedOrigins
{
    /// <summary>More than this is a sign of misuse (an allowlist is not a CDN customer list).</summary>
    public const int MaxEntries = 100;

    public static AllowedOriginsValidation Validate(IEnumerable<string?> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var normalized = new List<string>();
        var errors = new List<AllowedOriginError>();
        var index = 0;
        foreach (var entry in entries)
        {
            if (AllowedOriginPattern.TryParse(entry, out var pattern, out var error))
            {
                var text = pattern!.ToString();
                if (!normalized.Contains(text))
                {
                    normalized.Add(text);
                }
            }
            else
            {
                errors.Add(new AllowedOriginError(index, entry ?? "", error!));
            }

            index++;
        }

        if (index > MaxEntries)
        {
            errors.Add(new AllowedOriginError(MaxEntries, "", $"At most {MaxEntries} entries are allowed."));
        }

        return new AllowedOriginsValidation(normalized, errors);
    }

    /// <summary>
    /// Decides a delivery request. <paramref name="allowedOrigins"/> are the account's stored (validated) entries; an
    /// entry that no longer parses is ignored rather than failing every request.
    /// </summary>
    public static OriginDecision Check(IReadOnlyList<string> allowedOrigins, bool strict, string? origin, string? referer)
    {
        ArgumentNullException.ThrowIfNull(allowedOrigins);
        var hasOrigin = !string.IsNullOrEmpty(origin) && origin != "null";
        if (allowedOrigins.Count == 0)
        {
            return new OriginDecision(true, "*");
        }

        var source = hasOrigin ? origin : referer;
        if (string.IsNullOrEmpty(source))
        {
            return strict ? OriginDecision.Denied : new OriginDecision(true, null);
        }

        if (!Uri.TryCreate(source, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return OriginDecision.Denied;
        }

        // Uri.Host is lower-case already; IdnHost gives the punycode form that entries are written in. A host that IDNA
        // refuses (found by fuzzing: a hostile Origin header made this throw, a 500) matches no entry.
        string host;
        try
        {
            host = uri.IdnHost;
        }
        catch (Exception e) when (e is UriFormatException or ArgumentException)
        {
            return OriginDecision.Denied;
        }

        foreach (var entry in allowedOrigins)
        {
            if (AllowedOriginPattern.TryParse(entry, out var pattern, out _) && pattern!.Matches(host, uri.Port))
            {
                return new OriginDecision(true, hasOrigin ? origin : null);
            }
        }

        return OriginDecision.Denied;
    }
}
