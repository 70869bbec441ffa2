using ImageService.Api.Hosting.Configuration;

namespace ImageService.Api.Hardening;

/// <summary>
/// Configuration section <c>Cors</c>: browser origins allowed to call the management API from another site (a web app
/// on its own domain). Exact origins only (<c>https://app.example.com</c>, <c>http://localhost:3000</c>): no
/// wildcard, no path. Empty (the default) answers no CORS headers, so only same-origin pages (the dashboard at
/// <c>/app/</c>) and non-browser clients use the API. Delivery routes keep their own per-account rules
/// (<c>allowedOrigins</c>). On AWS, API Gateway answers CORS from the stage's <c>corsAllowedOrigins</c>.
/// </summary>
public sealed record CorsSettings
{
    public const string SectionName = "Cors";

    [ExactOrigins]
    public string[] AllowedOrigins { get; set; } = [];

    /// <summary>How long a browser may reuse a preflight answer.</summary>
    [TimeSpanRange("00:00:00", "1.00:00:00", ErrorMessage = "Cors:PreflightMaxAge must be between 0 and 1 day.")]
    public TimeSpan PreflightMaxAge { get; set; } = TimeSpan.FromMinutes(10);
}
