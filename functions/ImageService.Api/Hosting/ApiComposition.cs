using System.Security.Cryptography;
using System.Threading.RateLimiting;
using ImageService.Api.Accounts;
using ImageService.Api.Auth;
using ImageService.Api.CdnLogs;
using ImageService.Api.Billing;
using ImageService.Api.Dashboard;
using ImageService.Api.Delivery;
using ImageService.Api.Docs;
using ImageService.Api.Hardening;
using ImageService.Api.Health;
using ImageService.Api.Images;
using ImageService.Api.Observability;
using ImageService.Api.Jobs;
using ImageService.Api.OpenApi;
using ImageService.Api.Problems;
using ImageService.Api.Usage;
using ImageService.Api.Variants;
using ImageService.Core.Ids;
using ImageService.Core.Imaging;
using ImageService.Core.Paging;
using ImageService.Imaging;
using ImageService.Lambda;
using ImageService.Routes;
using Microsoft.Extensions.Options;

using ImageService.Api.Hosting.Configuration;

namespace ImageService.Api.Hosting;

/// <summary>Services and pipeline of the API, shared by Kestrel and the Lambda host. The storage backend is registered
/// separately (<see cref="StorageBackends"/>), which also maps the endpoints a backend brings.</summary>
public static partial class ApiComposition
{
    public static IServiceCollection AddImageServiceApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddClosedFrameworkOptions(); // before the registrations that read them (Hosting/Configuration/ClosedOptions.cs)
        services.AddOptions<HostingOptions>().BindConfiguration(HostingOptions.SectionName).ValidatedAtStart<HostingOptions, HostingOptionsValidator>();
        services.AddOptions<UploadOptions>().BindConfiguration(UploadOptions.SectionName).ValidatedAtStart<UploadOptions, UploadOptionsValidator>(ApiRouteGroups.Upload);
        services.AddOptions<PagingOptions>().BindConfiguration(PagingOptions.SectionName).ValidatedAtStart<PagingOptions, PagingOptionsValidator>();
        services.AddOptions<ImagingOptions>().BindConfiguration("Imaging").ValidatedAtStart<ImagingOptions, ImagingOptionsValidator>();

        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJsonContext.Default));
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Add(DashboardJsonContext.Default));
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true); // binding failures reach ApiExceptionHandler
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ApiProblems.Customize);
        services.AddSingleton<IProblemDetailsWriter, AnyAcceptProblemWriter>(); // after the default writer: image-only Accept
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.AddSingleton<ApiProblems>();
        services.Configure<LambdaHostingOptions>(o =>
        {
            var unhandled = ProblemTypes.Get(ProblemTypes.Internal);
            (o.UnhandledErrorType, o.UnhandledErrorTitle) = (unhandled.Type, unhandled.Title);
        });
        // Only a process serving every route group publishes the document (UseImageServiceApi); a Lambda function
        // would pay for the generator's services at each cold start for nothing.
        var groups = HostingOptions.RouteGroupsIn(configuration);
        if (groups == ApiRouteGroups.All)
        {
            services.AddApiOpenApi();
        }

        services.AddHttpHardening(configuration); // Kestrel limits, CORS, security headers (Hardening/HttpHardening.cs)
        services.AddServiceObservability(configuration); // metrics, /metrics or EMF, trace context (Observability/)
        services.AddHttpContextAccessor();
        services.AddScoped<CurrentUser>();
        services.AddApiAuthentication(); // JwtBearer from Auth:* and the default policy (Auth/ApiAuthentication.cs)
        services.AddRateLimiter(o =>
        {
            o.AddPolicy(ImagesApi.UploadRateLimitPolicy, context =>
            {
                var perMinute = context.RequestServices.GetRequiredService<IOptions<UploadOptions>>().Value.PerUserPerMinute;
                return RateLimitPartition.GetFixedWindowLimiter(context.User.FindFirst(OwnerIds.ClaimType)?.Value ?? "",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
            });
            o.OnRejected = async (context, cancellationToken) =>
            {
                context.HttpContext.RequestServices.GetRequiredService<ServiceMetrics>().RateLimited(RateLimitScope.Upload);
                context.HttpContext.Response.Headers.RetryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry)
                    ? ((int)Math.Ceiling(retry.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture)
                    : "60";
                await context.HttpContext.RequestServices.GetRequiredService<ApiProblems>()
                    .WriteAsync(context.HttpContext, StatusCodes.Status429TooManyRequests, "Upload rate limit reached; retry after the Retry-After delay.");
            };
        });

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ImageIdGenerator>();
        services.AddSingleton<IImageProcessor>(sp => new VipsImageProcessor(sp.GetRequiredService<IOptions<ImagingOptions>>().Value));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<ImagingOptions>>().Value.NewRenderGate(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<CdnPurges>();
        // The retry loop (and its resume of recorded purges at start) runs where purges are asked for; a read-only
        // function does not pay for it at each cold start. Any purging function's start resumes what another left.
        if ((groups & PurgingGroups) != ApiRouteGroups.None)
        {
            services.AddHostedService(sp => sp.GetRequiredService<CdnPurges>());
        }
        services.AddSingleton<ImageIngest>();
        services.AddSingleton<CdnLogIngestion>();
        services.AddAccountsAndDelivery(configuration);
        services.AddVariants();
        services.AddBilling(configuration);
        services.AddJobsAndWorkflows(configuration);
        services.AddSingleton(sp => new PageCursorCodec(CursorKey(sp)));
        services.AddStartupSettingsValidation(); // last: every settings type is registered by now
        return services;
    }

    public static WebApplication UseImageServiceApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var groups = app.Services.GetRequiredService<IOptions<HostingOptions>>().Value.ParseRouteGroups();
        app.UseAllowedHosts(); // Kestrel only, when AllowedHosts names hosts
        app.UseServiceObservability(); // outermost but host filtering: the request's log scope and metric; /metrics when on
        app.UseSecurityHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        // /server/… is the same API for X-API-Key callers (see ServiceRoutes.ServerPathBase); routing runs after the
        // prefix is moved into PathBase.
        app.UsePathBase(ServiceRoutes.ServerPathBase);
        app.UseRouting();
        // Management routes only: the delivery routes answer CORS from each account's allowed origins.
        app.UseManagementCors(); // UseCors(HttpHardening.CorsPolicy) without its per-request reflection
        app.UseAuthentication();
        app.UseRouteObservation();
        app.UseAuthorization();
        if (groups.HasFlag(ApiRouteGroups.Upload))
        {
            app.UseRateLimiter(); // the one policy is the upload rate limit (delivery limits are the accounts' own)
        }

        // The document describes the endpoints this process maps: a Lambda function (one route group) would publish a
        // partial API, so only a process with every group serves it (and the reference at /docs that reads it).
        if (groups == ApiRouteGroups.All)
        {
            app.MapOpenApi();
            app.MapApiReference(); // /docs (Docs/ApiReference.cs)
            app.MapDashboard(); // /app/ (Dashboard/DashboardApi.cs); on AWS the dashboard is static files on CloudFront
            app.MapDevelopmentSignIn(); // POST /auth/dev-token, Development only
        }
        // The management routes carry the CORS policy as metadata as well as through the middleware: a browser's
        // preflight of a bearer GET (/account, /images) then matches them rather than the custom-domain delivery
        // catch-all ({**image}, GET and HEAD), which answers CORS from an account's own origins.
        var management = app.MapGroup("").RequireCors(HttpHardening.CorsPolicy);
        management.MapHealthApi();
        management.MapImagesApi(groups);
        management.MapAccountApi(groups);
        management.MapVariantApi(groups);
        management.MapUsageApi(groups);
        management.MapBillingApi(groups);
        management.MapJobsApi(groups);
        management.MapStorageEndpoints(groups);
        app.MapJobWorker(groups);
        app.MapScheduledWork(groups); // /_lambda/scheduled: billing's hourly run, the worker's outbox sweep
        app.MapDeliveryApi(groups);
        app.MapCdnLogEvents(groups);
        return app;
    }

    /// <summary>Groups whose requests purge CDN paths: uploads replacing a path, updates, deletes, variant changes
    /// (account) and the worker's renditions.</summary>
    private const ApiRouteGroups PurgingGroups =
        ApiRouteGroups.Upload | ApiRouteGroups.Update | ApiRouteGroups.Delete | ApiRouteGroups.Account | ApiRouteGroups.Worker;

    private static byte[] CursorKey(IServiceProvider services)
    {
        var configured = services.GetRequiredService<IOptions<PagingOptions>>().Value.CursorKey;
        if (!string.IsNullOrEmpty(configured))
        {
            return Convert.FromBase64String(configured);
        }
        LogEphemeralCursorKey(services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ApiComposition).FullName!));
        return RandomNumberGenerator.GetBytes(32);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Paging:CursorKey is not set; list cursors are signed with a random key and stop working after a restart or on another instance")]
    private static partial void LogEphemeralCursorKey(ILogger logger);
}
