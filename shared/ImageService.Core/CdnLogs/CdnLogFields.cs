namespace ImageService.Core.CdnLogs;

/// <summary>
/// Field names of CloudFront standard access logs (legacy), as the <c>#Fields:</c> header line of every log file
/// names them. The parser maps columns by these names, never by position: CloudFront has appended fields over the
/// years, and a file says which it holds.
/// </summary>
public static class CdnLogFields
{
    public const string Date = "date";
    public const string Time = "time";
    public const string ScBytes = "sc-bytes";
    public const string UriStem = "cs-uri-stem";
    public const string HostHeader = "x-host-header";
    public const string Status = "sc-status";

    /// <summary>The 33 fields in the order AWS documents them ("Log file fields", standard logging reference); used
    /// only for a file that carries no <c>#Fields:</c> line.</summary>
    public static IReadOnlyList<string> Documented { get; } =
    [
        "date", "time", "x-edge-location", "sc-bytes", "c-ip", "cs-method", "cs(Host)", "cs-uri-stem", "sc-status",
        "cs(Referer)", "cs(User-Agent)", "cs-uri-query", "cs(Cookie)", "x-edge-result-type", "x-edge-request-id",
        "x-host-header", "cs-protocol", "cs-bytes", "time-taken", "x-forwarded-for", "ssl-protocol", "ssl-cipher",
        "x-edge-response-result-type", "cs-protocol-version", "fle-status", "fle-encrypted-fields", "c-port",
        "time-to-first-byte", "x-edge-detailed-result-type", "sc-content-type", "sc-content-len", "sc-range-start",
        "sc-range-end",
    ];
}
