using System.Diagnostics;

namespace ImageService.Api.Observability;

/// <summary>
/// The X-Ray trace header (<c>Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1</c>) as a
/// W3C <c>traceparent</c>: an X-Ray root is an 8-hex epoch and 24 hex digits, which together are a W3C trace id, so the
/// request's Activity, its logs and its correlation id carry the trace X-Ray shows.
/// </summary>
public static class XRayTraceHeader
{
    public static string? ToTraceParent(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return null;
        }
        string? root = null, parent = null, sampled = null;
        foreach (var part in header.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                continue;
            }
            var (key, value) = (part[..equals], part[(equals + 1)..]);
            switch (key)
            {
                case "Root": root = value; break;
                case "Parent": parent = value; break;
                case "Sampled": sampled = value; break;
            }
        }
        // 1-{8 hex}-{24 hex}
        if (root is not { Length: 35 } || !root.StartsWith("1-", StringComparison.Ordinal) || root[10] != '-')
        {
            return null;
        }
        var traceId = string.Concat(root.AsSpan(2, 8), root.AsSpan(11, 24)).ToLowerInvariant();
        if (!IsHex(traceId) || traceId.All(c => c == '0'))
        {
            return null;
        }
        // API Gateway may pass a root without a parent; traceparent needs one, so the request gets its own.
        var spanId = parent is { Length: 16 } && IsHex(parent) && parent.Any(c => c != '0')
            ? parent.ToLowerInvariant()
            : ActivitySpanId.CreateRandom().ToHexString();
        return $"00-{traceId}-{spanId}-{(sampled == "1" ? "01" : "00")}";
    }

    private static bool IsHex(string value) => value.All(Uri.IsHexDigit);
}
