using System.Collections.Concurrent;
using System.Diagnostics;
using ImageService.Api.Hosting.Configuration;
using ImageService.Lambda;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace ImageService.Api.Observability;

/// <summary>
/// Metrics, request log scopes and trace context, for Kestrel and Lambda alike: the instruments
/// (<see cref="ServiceMetrics"/>) always; on Kestrel, OpenTelemetry with the Prometheus exporter when /metrics is on;
/// in Lambda, the EMF writer flushed after every invocation and the X-Ray-aware trace propagator.
/// </summary>
public static class ObservabilityComposition
{
    /// <summary>Set by Lambda per invocation (the Lambda host copies each invocation's trace header into it).</summary>
    public const string LambdaTraceVariable = "_X_AMZN_TRACE_ID";

    public static IServiceCollection AddServiceObservability(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ObservabilityOptions>().BindConfiguration(ObservabilityOptions.SectionName)
            .ValidatedAtStart<ObservabilityOptions, ObservabilityOptionsValidator>();
        services.AddMetrics();
        services.AddSingleton<ServiceMetrics>();
        services.AddSingleton<ImageService.Core.Delivery.IRenderObserver, RenderMetrics>();
        services.AddSingleton<RouteGroupLabels>();
        services.AddSingleton<RequestActivities>();

        if (LambdaEnvironment.FromConfiguration(configuration).IsLambda)
        {
            services.AddSingleton(sp => new EmbeddedMetricFormatWriter(sp.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(),
                sp.GetRequiredService<IOptions<ObservabilityOptions>>().Value.MetricsNamespace, Console.Out, sp.GetRequiredService<TimeProvider>()));
            services.AddSingleton<DistributedContextPropagator>(
                new LambdaTracePropagator(() => Environment.GetEnvironmentVariable(LambdaTraceVariable)));
        }
        else if (PrometheusEnabled(configuration))
        {
            services.AddOpenTelemetry()
                .ConfigureResource(resource => resource.AddService("imageservice"))
                // No scrape cache (300 ms by default): two scrapes always show what happened between them.
                // System.Runtime: the runtime's own meter (GC heap and committed size per generation, working set,
                // thread pool), so memory on /metrics can be split into the managed heap and the native rest.
                .WithMetrics(metrics => metrics.AddMeter(ServiceMetrics.MeterName, "System.Runtime")
                    .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0));
        }
        return services;
    }

    /// <summary>Outermost middleware: the request's log scope (<see cref="RequestLogContext"/>), the request metric,
    /// the EMF flush after each Lambda invocation, and /metrics when it is on.</summary>
    public static WebApplication UseServiceObservability(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        _ = app.Services.GetRequiredService<RequestActivities>();
        var metrics = app.Services.GetRequiredService<ServiceMetrics>();
        var scopes = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("ImageService.Api.Requests");
        var emf = app.Services.GetService<EmbeddedMetricFormatWriter>();
        if (emf is not null)
        {
            // The sandbox may freeze or end after the last invocation: write what is left when the host stops.
            app.Lifetime.ApplicationStopping.Register(emf.Flush);
        }
        app.Use(async (context, next) =>
        {
            if (emf is not null)
            {
                // Registered first, so it runs after every other OnCompleted callback (they run last-in first-out),
                // and before the Lambda host asks for the next event.
                context.Response.OnCompleted(static state =>
                {
                    ((EmbeddedMetricFormatWriter)state).Flush();
                    return Task.CompletedTask;
                }, emf);
            }
            var log = new RequestLogContext();
            context.Features.Set(log);
            using var scope = scopes.BeginScope(log);
            var started = Stopwatch.GetTimestamp();
            var failed = false;
            try
            {
                await next(context);
            }
            catch
            {
                failed = true; // the server answers 500
                throw;
            }
            finally
            {
                metrics.RequestAnswered(log.RouteGroup, failed ? StatusCodes.Status500InternalServerError : context.Response.StatusCode,
                    Stopwatch.GetElapsedTime(started));
            }
        });
        if (emf is null && PrometheusEnabled(app.Configuration))
        {
            app.UseMetricsEndpoint();
        }
        return app;
    }

    /// <summary>After routing and authentication: the matched route and the caller's account join the log scope.</summary>
    public static IApplicationBuilder UseRouteObservation(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var labels = app.ApplicationServices.GetRequiredService<RouteGroupLabels>();
        // One template per endpoint (a fixed set), built on its first request rather than on every one.
        var templates = new ConcurrentDictionary<RouteEndpoint, string>();
        return app.Use((context, next) =>
        {
            if (context.Features.Get<RequestLogContext>() is { } log)
            {
                var endpoint = context.GetEndpoint();
                log.Route = (endpoint as RouteEndpoint) is { } route
                    ? templates.GetOrAdd(route, static r => RouteTemplate(r.RoutePattern))
                    : null;
                log.RouteGroup = labels.For(endpoint, context.Request.Method);
                // The account id is the owner id: the token's sub, or the account an API key belongs to.
                log.AccountId ??= context.User.FindFirst(Auth.OwnerIds.ClaimType)?.Value;
            }
            return next(context);
        });
    }

    /// <summary>The route as one template (<c>/images/{id}</c>), with parameter names, without a group's trailing slash.</summary>
    internal static string RouteTemplate(RoutePattern pattern) =>
        "/" + string.Join('/', pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternParameterPart { IsCatchAll: true } parameter => $"{{**{parameter.Name}}}",
            RoutePatternParameterPart parameter => $"{{{parameter.Name}}}",
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            _ => "",
        }))));

    private static bool PrometheusEnabled(IConfiguration configuration) =>
        bool.TryParse(configuration[$"{ObservabilityOptions.SectionName}:{nameof(ObservabilityOptions.PrometheusEndpoint)}"], out var on)
            ? on
            : string.Equals(configuration[HostDefaults.EnvironmentKey], Environments.Development, StringComparison.OrdinalIgnoreCase);
}
