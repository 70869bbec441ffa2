using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.Metrics;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.WebEncoders;

namespace ImageService.Api.Hosting.Configuration;

/// <summary>
/// The options plumbing of a settings type (<c>IOptions</c>, <c>IOptionsFactory</c>, <c>IOptionsMonitor</c> and its
/// cache) as closed registrations. The framework registers them open generic (<c>IOptions&lt;&gt;</c> is
/// <c>UnnamedOptionsManager&lt;&gt;</c>, and so on): under Native AOT the type loader then builds those types at run
/// time, four or five per settings type, at every cold start. Closed, the compiler has built them. Same behaviour:
/// one instance of each, the value created on first read with every configure, post-configure and validator.
/// </summary>
internal static class ClosedOptions
{
    public static IServiceCollection AddClosedOptions<
        [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions>(this IServiceCollection services)
        where TOptions : class
    {
        services.TryAddSingleton<IOptionsFactory<TOptions>>(static sp => new OptionsFactory<TOptions>(
            sp.GetServices<IConfigureOptions<TOptions>>(), sp.GetServices<IPostConfigureOptions<TOptions>>(), sp.GetServices<IValidateOptions<TOptions>>()));
        services.TryAddSingleton<IOptions<TOptions>>(static sp => new OptionsManager<TOptions>(sp.GetRequiredService<IOptionsFactory<TOptions>>()));
        services.TryAddSingleton<IOptionsMonitorCache<TOptions>>(static _ => new OptionsCache<TOptions>());
        services.TryAddSingleton<IOptionsMonitor<TOptions>>(static sp => new OptionsMonitor<TOptions>(sp.GetRequiredService<IOptionsFactory<TOptions>>(),
            sp.GetServices<IOptionsChangeTokenSource<TOptions>>(), sp.GetRequiredService<IOptionsMonitorCache<TOptions>>()));
        return services;
    }

    /// <summary>The framework's settings every process reads at start (host, logging, routing, JSON, problem details,
    /// authentication, CORS), found by tracing a cold start's service resolutions. A type missing here only costs the
    /// run-time build; one that is never read costs nothing.</summary>
    public static IServiceCollection AddClosedFrameworkOptions(this IServiceCollection services) => services
        .AddClosedOptions<HostOptions>()
        .AddClosedOptions<ConsoleLifetimeOptions>()
        .AddClosedOptions<LoggerFactoryOptions>()
        .AddClosedOptions<LoggerFilterOptions>()
        .AddClosedOptions<ConsoleLoggerOptions>()
        .AddClosedOptions<ConsoleFormatterOptions>()
        .AddClosedOptions<JsonConsoleFormatterOptions>()
        .AddClosedOptions<SimpleConsoleFormatterOptions>()
        .AddClosedOptions<MetricsOptions>()
        .AddClosedOptions<RouteOptions>()
        .AddClosedOptions<RouteHandlerOptions>()
        .AddClosedOptions<JsonOptions>()
        .AddClosedOptions<FormOptions>()
        .AddClosedOptions<ProblemDetailsOptions>()
        .AddClosedOptions<ExceptionHandlerOptions>()
        .AddClosedOptions<StatusCodePagesOptions>()
        .AddClosedOptions<WebEncoderOptions>()
        .AddClosedOptions<AuthenticationOptions>()
        .AddClosedOptions<JwtBearerOptions>()
        .AddClosedOptions<AuthorizationOptions>()
        .AddClosedOptions<CorsOptions>();
}
