using ImageService.Lambda;

namespace ImageService.Api.Hosting;

/// <summary>
/// The web host both hosts start from. <see cref="WebApplication.CreateSlimBuilder(WebApplicationOptions)"/> rather than
/// <c>CreateBuilder</c>: the full builder's extras (IIS integration, HTTP/3, hosting startup assemblies, the event-log
/// and debug loggers, forwarded headers for IIS, host filtering) register services and options a Lambda function
/// resolves at every cold start for nothing. What a Kestrel install does use is added back here, off Lambda only.
/// </summary>
public static class ApiHosting
{
    /// <summary>ASP.NET Core's setting for the host names Kestrel answers (<c>a.example;b.example</c>); <c>*</c> or
    /// unset answers any, as with <c>CreateBuilder</c>.</summary>
    public const string AllowedHostsKey = "AllowedHosts";

    public static WebApplicationBuilder CreateBuilder(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        // A Lambda package's settings files never change: no file watcher over the content root (a thread and a
        // watch on every folder under it, wwwroot included) at each cold start.
        if (Environment.GetEnvironmentVariable(LambdaEnvironment.RuntimeApiVariable) is { Length: > 0 })
        {
            args = [.. args, "--hostBuilder:reloadConfigOnChange=false"];
        }
        // Settings files are copied beside the binary; data paths stay relative to the working directory.
        return WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
    }

    /// <summary>
    /// In Lambda, the Lambda server (<see cref="LambdaHostingExtensions.UseLambdaHostingWhenConfigured"/>). Elsewhere
    /// Kestrel with what the slim builder leaves out: certificates from <c>Kestrel:Certificates</c> and https
    /// endpoints, <c>AllowedHosts</c>, and in Development the static web assets of referenced projects (the
    /// dashboard under <c>dotnet run</c>).
    /// </summary>
    public static WebApplicationBuilder UseApiHosting(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseLambdaHostingWhenConfigured(); // _HANDLER -> Hosting:RouteGroup
        if (LambdaEnvironment.FromConfiguration(builder.Configuration).IsLambda)
        {
            return builder;
        }

        builder.WebHost.UseKestrelHttpsConfiguration();
        if (builder.Environment.IsDevelopment())
        {
            builder.WebHost.UseStaticWebAssets();
        }
        if (AllowedHosts(builder.Configuration) is { } hosts)
        {
            builder.Services.AddHostFiltering(o => o.AllowedHosts = hosts);
        }
        return builder;
    }

    /// <summary>Host filtering, first in the pipeline, when <c>AllowedHosts</c> names hosts.</summary>
    public static WebApplication UseAllowedHosts(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!LambdaEnvironment.FromConfiguration(app.Configuration).IsLambda && AllowedHosts(app.Configuration) is not null)
        {
            app.UseHostFiltering();
        }
        return app;
    }

    private static string[]? AllowedHosts(IConfiguration configuration)
    {
        var hosts = configuration[AllowedHostsKey]?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return hosts is { Length: > 0 } && !hosts.Contains("*") ? hosts : null;
    }
}
