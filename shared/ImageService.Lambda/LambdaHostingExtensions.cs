using ImageService.Lambda.Runtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ImageService.Lambda;

public static class LambdaHostingExtensions
{
    /// <summary>The configuration key the API reads to choose which route group to map.</summary>
    public const string RouteGroupKey = "Hosting:RouteGroup";

    /// <summary>
    /// In Lambda (AWS_LAMBDA_RUNTIME_API set) replaces Kestrel with <see cref="LambdaServer"/>; elsewhere leaves
    /// Kestrel alone. Either way, a non-empty _HANDLER becomes <c>Hosting:RouteGroup</c>, overriding other sources.
    /// The app configures <see cref="LambdaHostingOptions"/> for the host's own 500 answer.
    /// </summary>
    public static WebApplicationBuilder UseLambdaHostingWhenConfigured(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var lambda = LambdaEnvironment.FromConfiguration(builder.Configuration);
        if (lambda.Handler is not null)
        {
            builder.Configuration.AddInMemoryCollection([new(RouteGroupKey, lambda.Handler)]);
        }

        if (lambda.RuntimeApi is not { } runtimeApi)
        {
            return builder;
        }

        var initErrors = new LambdaInitErrorReporter(runtimeApi);
        // Not registered for disposal: a failed start disposes the host before the exception leaves Main,
        // and the report has to happen after that.
        initErrors.Subscribe();
        builder.Services.RemoveAll<IServer>();
        builder.Services.AddSingleton<IServer>(services => new LambdaServer(
            runtimeApi,
            initErrors,
            services.GetRequiredService<ILogger<LambdaServer>>(),
            services.GetRequiredService<IHostApplicationLifetime>(),
            services.GetRequiredService<IOptions<LambdaHostingOptions>>().Value));

        // CloudWatch gets one JSON object per log entry, with the AwsRequestId scope; no "press Ctrl+C" banner.
        builder.Services.Configure<ConsoleLifetimeOptions>(options => options.SuppressStatusMessages = true);
        builder.Logging.AddJsonConsole(options =>
        {
            options.IncludeScopes = true;
            options.UseUtcTimestamp = true;
            options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
        });
        return builder;
    }
}
