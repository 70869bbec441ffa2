using ImageService.Api.Hosting.Configuration;
using ImageService.Lambda;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace ImageService.Api.Hardening;

/// <summary>Web server limits (<see cref="HttpLimitsOptions"/>), the management API's CORS (<see cref="CorsSettings"/>)
/// and the security headers of every response.</summary>
public static class HttpHardening
{
    public const string CorsPolicy = "management-api";

    // Headers a browser client of the management API sends and reads beyond the CORS-safelisted ones.
    private static readonly string[] CorsRequestHeaders =
        [HeaderNames.Authorization, HeaderNames.ContentType, HeaderNames.IfMatch, HeaderNames.IfNoneMatch, "X-API-Key"];
    private static readonly string[] CorsExposedHeaders = [HeaderNames.ETag, HeaderNames.Location, HeaderNames.RetryAfter];
    private static readonly string[] CorsMethods =
        [HttpMethods.Get, HttpMethods.Head, HttpMethods.Post, HttpMethods.Put, HttpMethods.Patch, HttpMethods.Delete];

    public static IServiceCollection AddHttpHardening(this IServiceCollection services, IConfiguration configuration)
    {
        var limits = services.AddOptions<HttpLimitsOptions>().BindConfiguration(HttpLimitsOptions.SectionName);
        if (!LambdaEnvironment.FromConfiguration(configuration).IsLambda)
        {
            limits.ValidatedAtStart<HttpLimitsOptions, HttpLimitsOptionsValidator>(); // Kestrel's; API Gateway limits a Lambda function
        }
        services.AddOptions<CorsSettings>().BindConfiguration(CorsSettings.SectionName).ValidatedAtStart<CorsSettings, CorsSettingsValidator>();
        // Read when Kestrel is created; the Lambda host never resolves these options.
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<HttpLimitsOptions>>((kestrel, configured) =>
        {
            var limits = configured.Value;
            kestrel.AddServerHeader = false; // no product banner for scanners
            kestrel.Limits.MaxRequestLineSize = limits.MaxRequestLineSize;
            kestrel.Limits.MaxRequestHeadersTotalSize = limits.MaxRequestHeadersTotalSize;
            kestrel.Limits.MaxRequestHeaderCount = limits.MaxRequestHeaderCount;
            kestrel.Limits.MaxRequestBodySize = limits.MaxRequestBodySize;
            kestrel.Limits.MaxConcurrentConnections = limits.MaxConcurrentConnections;
            kestrel.Limits.KeepAliveTimeout = limits.KeepAliveTimeout;
            kestrel.Limits.RequestHeadersTimeout = limits.RequestHeadersTimeout;
            kestrel.Limits.MinRequestBodyDataRate = new MinDataRate(limits.MinRequestBodyDataRate, limits.MinDataRateGracePeriod);
            kestrel.Limits.MinResponseDataRate = new MinDataRate(limits.MinResponseDataRate, limits.MinDataRateGracePeriod);
        });
        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IOptions<CorsSettings>>((cors, configured) =>
            cors.AddPolicy(CorsPolicy, policy => policy
                .WithOrigins(configured.Value.AllowedOrigins)
                .WithMethods(CorsMethods)
                .WithHeaders(CorsRequestHeaders)
                .WithExposedHeaders(CorsExposedHeaders)
                .SetPreflightMaxAge(configured.Value.PreflightMaxAge)));
        return services;
    }

    /// <summary>
    /// The management API's CORS middleware, as <c>UseCors(CorsPolicy)</c> adds it, with the policy provider resolved
    /// once. <c>UseCors</c> goes through <c>UseMiddleware</c>, which (no dynamic code in this app, JIT or AOT) invokes the
    /// middleware by reflection and builds the transient policy provider on every request: a few microseconds and
    /// allocations on each delivery, where CORS never applies (the endpoints disable it; the middleware must still run,
    /// routing checks it saw their CORS metadata).
    /// </summary>
    public static IApplicationBuilder UseManagementCors(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var services = app.ApplicationServices;
        var cors = services.GetRequiredService<ICorsService>();
        var policies = services.GetRequiredService<ICorsPolicyProvider>(); // reads IOptions<CorsOptions>: no per-request state
        var loggers = services.GetRequiredService<ILoggerFactory>();
        return app.Use(next =>
        {
            var middleware = new CorsMiddleware(next, cors, loggers, CorsPolicy);
            return context => middleware.Invoke(context, policies);
        });
    }

    /// <summary>First in the pipeline, so answers written by any later middleware (exception handler, status code
    /// pages, authentication challenges) carry the headers too. Set when the response starts, and only where nothing
    /// set them already: a page that needs its own policy (the dashboard's CSP, the API reference) keeps it.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        // A static callback with the response as its state: no closure allocated per request (the compiler caches the
        // delegate of a static method group).
        context.Response.OnStarting(AddSecurityHeaders, context.Response);
        return next(context);
    });

    private static Task AddSecurityHeaders(object state)
    {
        var response = (HttpResponse)state;
        var headers = response.Headers;
        // Browsers must not guess a type for bytes we serve (user uploads included).
        headers.TryAdd(HeaderNames.XContentTypeOptions, "nosniff");
        // Image and API URLs carry signatures and ids: never leak them to another site through Referer.
        headers.TryAdd("Referrer-Policy", "no-referrer");
        headers.TryAdd(HeaderNames.XFrameOptions, "DENY");
        if (!IsHtml(response.ContentType))
        {
            // JSON, problems and images are never documents: no scripts, no plugins, no framing, even if opened
            // directly. HTML pages (dashboard, /docs) bring their own policy.
            headers.TryAdd(HeaderNames.ContentSecurityPolicy, "default-src 'none'; frame-ancestors 'none'; sandbox");
        }
        return Task.CompletedTask;
    }

    private static bool IsHtml(string? contentType) =>
        contentType is not null && contentType.StartsWith("text/html", StringComparison.OrdinalIgnoreCase);
}
