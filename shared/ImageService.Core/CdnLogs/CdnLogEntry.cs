namespace ImageService.Core.CdnLogs;

/// <summary>One viewer request of a CloudFront access log: when it finished (UTC), the path and the viewer's
/// <c>Host</c> header (null when the log holds <c>-</c> or no such field), the status and the bytes sent to the viewer
/// (headers included).</summary>
public sealed record CdnLogEntry(DateOnly Date, TimeOnly Time, string UriStem, string? HostHeader, int? Status, long ScBytes)
{
    public DateTimeOffset Timestamp => new(Date.ToDateTime(Time), TimeSpan.Zero);
}
