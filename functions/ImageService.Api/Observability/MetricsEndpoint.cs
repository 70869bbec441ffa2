using System.Net;
using System.Security.Cryptography;
using System.Text;
using ImageService.Api.Problems;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace ImageService.Api.Observability;

/// <summary>
/// GET /metrics: the <see cref="ServiceMetrics"/> instruments as Prometheus text (OpenTelemetry's exporter), answered
/// to loopback callers (unless <see cref="ObservabilityOptions.AllowLoopback"/> is off) and to callers presenting
/// <see cref="ObservabilityOptions.MetricsKey"/> as a bearer token; others get 401 when a key is configured, else
/// 404 (the path does not exist for them). A middleware branch rather than an endpoint: it is the embedded backend's
/// own, never a route of the API Gateway table, and answers before the API's pipeline (no /server prefix).
/// </summary>
public static class MetricsEndpoint
{
    public const string Path = "/metrics";

    public static IApplicationBuilder UseMetricsEndpoint(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.UseOpenTelemetryPrometheusScrapingEndpoint(
            meterProvider: null,
            predicate: context => context.Request.Path == Path,
            path: null,
            configureBranchedPipeline: branch => branch.Use(GateAsync),
            optionsName: null);
    }

    private static async Task GateAsync(HttpContext context, RequestDelegate next)
    {
        if (context.Features.Get<RequestLogContext>() is { } log)
        {
            (log.Route, log.RouteGroup) = (Path, RouteGroupLabels.Other);
        }
        var options = context.RequestServices.GetRequiredService<IOptions<ObservabilityOptions>>().Value;
        switch (Decide(options, context.Connection.RemoteIpAddress, context.Request.Headers.Authorization.ToString()))
        {
            case Access.Allowed:
                await next(context);
                return;
            case Access.Unauthorized:
                context.Response.Headers.WWWAuthenticate = "Bearer";
                await context.RequestServices.GetRequiredService<ApiProblems>()
                    .WriteAsync(context, StatusCodes.Status401Unauthorized, "Send Observability:MetricsKey as a bearer token, or scrape from loopback.");
                return;
            default:
                await context.RequestServices.GetRequiredService<ApiProblems>().WriteAsync(context, StatusCodes.Status404NotFound, "Not found.");
                return;
        }
    }

    internal enum Access
    {
        Allowed,
        Unauthorized,
        Hidden,
    }

    internal static Access Decide(ObservabilityOptions options, IPAddress? remote, string authorization)
    {
        if (options.AllowLoopback && remote is not null && IPAddress.IsLoopback(remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote))
        {
            return Access.Allowed;
        }
        if (string.IsNullOrEmpty(options.MetricsKey))
        {
            return Access.Hidden;
        }
        const string scheme = "Bearer ";
        var presented = authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) ? authorization[scheme.Length..].Trim() : "";
        // Hashes first, so the comparison takes the same time whatever the lengths.
        var matches = CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(options.MetricsKey)));
        return matches && presented.Length > 0 ? Access.Allowed : Access.Unauthorized;
    }
}
