using System.ComponentModel.DataAnnotations;
using ImageService.Api.Hosting.Configuration;

namespace ImageService.Api.Hardening;

/// <summary>
/// Configuration section <c>HttpLimits</c>: the web server's limits, chosen rather than inherited from Kestrel's
/// defaults. They bound what one client can make the process hold (headers, bodies, idle and slow connections). Kestrel
/// enforces them; in Lambda, API Gateway's own limits apply instead (10 MB payloads, 30 s).
/// </summary>
public sealed record HttpLimitsOptions
{
    public const string SectionName = "HttpLimits";

    /// <summary>Request line (method, target, version). Signed delivery URLs are a few hundred bytes. Longer: 414.</summary>
    [Range(1024, 65536)]
    public int MaxRequestLineSize { get; set; } = 8 * 1024;

    /// <summary>All request headers together; a Cognito token is 1-2 KB and the API sets no cookies. Larger: 431.</summary>
    [Range(4096, 1048576)]
    public int MaxRequestHeadersTotalSize { get; set; } = 16 * 1024;

    /// <summary>Header fields per request (Kestrel's default is 100). More: 431.</summary>
    [Range(8, 1000)]
    public int MaxRequestHeaderCount { get; set; } = 64;

    /// <summary>Body of every route except the upload routes, which raise their own limit from <c>Uploads:MaxBytes</c>
    /// and <c>Uploads:InlineMaxBytes</c>. JSON bodies of this API are a few KB. Larger: 413 <c>too-large</c>.</summary>
    [Range(1024, long.MaxValue)]
    public long MaxRequestBodySize { get; set; } = 1024 * 1024;

    /// <summary>Open connections per process (beyond: the connection is refused at accept).</summary>
    [Range(1, long.MaxValue)]
    public long MaxConcurrentConnections { get; set; } = 1024;

    /// <summary>An idle keep-alive connection is closed after this long.</summary>
    [TimeSpanRange("00:00:01", "00:10:00", ErrorMessage = "HttpLimits:KeepAliveTimeout must be between 1 second and 10 minutes.")]
    public TimeSpan KeepAliveTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Time to receive all request headers (a slow-headers client is closed with 408).</summary>
    [TimeSpanRange("00:00:01", "00:05:00", ErrorMessage = "HttpLimits:RequestHeadersTimeout must be between 1 second and 5 minutes.")]
    public TimeSpan RequestHeadersTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Slowest request body accepted, in bytes per second averaged after <see cref="MinDataRateGracePeriod"/>
    /// (1 KiB/s is a very poor mobile link; a client trickling bytes to hold a connection is cut off with 408).</summary>
    [Range(1, 10 * 1024 * 1024)]
    public double MinRequestBodyDataRate { get; set; } = 1024;

    /// <summary>Slowest reader of a response body, in bytes per second after the grace period.</summary>
    [Range(1, 10 * 1024 * 1024)]
    public double MinResponseDataRate { get; set; } = 1024;

    /// <summary>How long a body or response may start slower than the minimum rates.</summary>
    [TimeSpanRange("00:00:02", "00:01:00", ErrorMessage = "HttpLimits:MinDataRateGracePeriod must be between 2 seconds and 1 minute (Kestrel needs more than one).")]
    public TimeSpan MinDataRateGracePeriod { get; set; } = TimeSpan.FromSeconds(10);
}
