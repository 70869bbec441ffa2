using System.Globalization;
using Microsoft.Net.Http.Headers;

namespace ImageService.Api.Images;

/// <summary>ETags and conditional request checks (RFC 9110 section 13).</summary>
internal static class HttpCaching
{
    /// <summary>Metadata representations change with every update, so their ETag is the record version.</summary>
    public static string ForVersion(long version) => $"\"v{version.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>If-None-Match: true when the client's copy is current (weak comparison; * matches anything).</summary>
    public static bool NoneMatchHits(HttpRequest request, string etag)
    {
        var header = request.Headers.IfNoneMatch;
        if (header.Count == 0 || !EntityTagHeaderValue.TryParseList(header, out var tags))
        {
            return false;
        }
        var current = EntityTagHeaderValue.Parse(etag);
        return tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(current, useStrongComparison: false));
    }

    /// <summary>If-Match: null when absent; otherwise whether it names <paramref name="etag"/> (strong comparison) or is *.</summary>
    public static bool? IfMatch(HttpRequest request, string etag)
    {
        var header = request.Headers.IfMatch;
        if (header.Count == 0)
        {
            return null;
        }
        if (!EntityTagHeaderValue.TryParseList(header, out var tags))
        {
            return false;
        }
        var current = EntityTagHeaderValue.Parse(etag);
        return tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(current, useStrongComparison: true));
    }
}
