using ImageService.Api.Accounts;
using ImageService.Api.Delivery;
using ImageService.Api.Images;
using ImageService.Contracts.Dashboard;
using Microsoft.Extensions.Options;

namespace ImageService.Api.Dashboard;

/// <summary>
/// Serves the customer dashboard (web/ImageService.Dashboard, a Blazor WebAssembly app referenced by this project) at
/// <c>/app/</c> in a process that maps every route group, i.e. locally; on AWS the same files live in S3 behind
/// CloudFront and no function serves them. Fingerprinted assets come from the static-asset manifest (immutable, with
/// precompressed gzip/brotli variants); any other path under /app/ is a client-side route and gets index.html.
/// </summary>
public static class DashboardApi
{
    public const string PathBase = "/app";

    public static WebApplication MapDashboard(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var index = new DashboardIndex(app.Environment);
        app.Use((context, next) =>
        {
            if (context.Request.Path == PathBase)
            {
                // Relative asset URLs resolve against /app/, so the bare path only redirects there.
                context.Response.Redirect(PathBase + "/" + context.Request.QueryString);
                return Task.CompletedTask;
            }
            if (context.Request.Path.StartsWithSegments(PathBase))
            {
                var delivery = DeliveryBaseUrl.Of(context, context.RequestServices.GetRequiredService<IOptions<DeliveryOptions>>().Value);
                context.Response.Headers.ContentSecurityPolicy = DashboardPolicy.ContentSecurityPolicy(OriginOf(delivery), Origin(context.Request), index.ImportMapHash);
            }
            return next(context);
        });

        app.MapGet(PathBase + "/config.json", (HttpContext context, IOptions<DeliveryOptions> delivery, IOptions<UploadOptions> uploads) =>
            {
                // index.html and this file must never be served stale: they name the current fingerprinted assets
                // and the current settings.
                context.Response.Headers.CacheControl = "no-cache";
                return TypedResults.Ok(new DashboardConfig(
                    ApiBaseUrl: Origin(context.Request),
                    DeliveryBaseUrl: DeliveryBaseUrl.Of(context, delivery.Value),
                    SignIn: app.Environment.IsDevelopment() ? DashboardConfig.Development : DashboardConfig.None,
                    CognitoDomain: null,
                    ClientId: null,
                    InlineUploadMaxBytes: uploads.Value.InlineMaxBytes));
            })
            .ExcludeFromDescription();
        app.MapStaticAssets();
        // Client-side routes (/app/images/…): a literal first segment, so this wins over delivery's custom-domain
        // catch-all; paths that look like files (_framework/x.wasm) stay 404 when no asset matches.
        app.MapGet(PathBase + "/{**path:nonfile}", (HttpContext context) =>
            {
                if (index.Html is not { } html)
                {
                    return Results.NotFound();
                }
                context.Response.Headers.CacheControl = "no-cache";
                return Results.Bytes(html, "text/html; charset=utf-8");
            })
            .ExcludeFromDescription();
        return app;
    }

    private static string Origin(HttpRequest request) => $"{request.Scheme}://{request.Host}";

    private static string OriginOf(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) : "'self'";
}
