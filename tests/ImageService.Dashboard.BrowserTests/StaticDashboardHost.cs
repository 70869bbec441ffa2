using System.Net;
using System.Text.Json;
using ImageService.Contracts.Dashboard;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;

namespace ImageService.Dashboard.BrowserTests;

/// <summary>
/// The dashboard's publish as static files, the way AWS serves it (S3 behind CloudFront) rather than through the API's
/// static web assets: <c>/app/*</c> from the publish's web root, a generated <c>config.json</c>, index.html for
/// client-side routes. Every other path goes to the API unchanged (Host kept, so the URLs the API writes, delivery and
/// presigned uploads, come back here): one origin in front of both, like a distribution with a behaviour per path.
/// Kestrel on 127.0.0.1 and a port the OS picks.
/// </summary>
public sealed class StaticDashboardHost : IAsyncDisposable
{
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();
    private static readonly HashSet<string> HopByHop = new(["Connection", "Keep-Alive", "Transfer-Encoding", "Upgrade", "Host"], StringComparer.OrdinalIgnoreCase);

    private readonly WebApplication app;
    private readonly HttpClient api;

    private StaticDashboardHost(WebApplication app, HttpClient api, Uri baseAddress)
    {
        this.app = app;
        this.api = api;
        BaseAddress = baseAddress;
    }

    /// <summary>The origin with <c>/app/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary><paramref name="apiBase"/> is asked per request (the API starts after this host).</summary>
    public static async Task<StaticDashboardHost> StartAsync(string webRoot, Func<Uri> apiBase, long inlineUploadMaxBytes)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var files = new PhysicalFileProvider(webRoot);
        var api = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
        app.Run(async context =>
        {
            var path = context.Request.Path.Value ?? "/";
            if (path == "/app/config.json")
            {
                var origin = $"{context.Request.Scheme}://{context.Request.Host}";
                var config = new DashboardConfig(origin, origin, DashboardConfig.Development, null, null, inlineUploadMaxBytes);
                context.Response.Headers.CacheControl = "no-cache";
                await context.Response.WriteAsJsonAsync(config, JsonSerializerOptions.Web);
            }
            else if (path.StartsWith("/app/", StringComparison.Ordinal))
            {
                await ServeFileAsync(context, files, path);
            }
            else
            {
                await ForwardAsync(context, api, apiBase());
            }
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new StaticDashboardHost(app, api, new Uri(address.TrimEnd('/') + "/app/"));
    }

    private static async Task ServeFileAsync(HttpContext context, PhysicalFileProvider files, string path)
    {
        var file = files.GetFileInfo(path.TrimStart('/'));
        if (!file.Exists || file.IsDirectory)
        {
            // A path without an extension is a client-side route; a missing file stays 404.
            if (Path.HasExtension(path))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            file = files.GetFileInfo("app/index.html");
        }
        context.Response.ContentType = ContentTypes.TryGetContentType(file.Name, out var type) ? type : "application/octet-stream";
        context.Response.ContentLength = file.Length;
        await context.Response.SendFileAsync(file);
    }

    private static async Task ForwardAsync(HttpContext context, HttpClient api, Uri apiBase)
    {
        var incoming = context.Request;
        using var request = new HttpRequestMessage(new HttpMethod(incoming.Method), new Uri(apiBase, incoming.Path + incoming.QueryString));
        if (incoming.ContentLength > 0 || incoming.Headers.TransferEncoding.Count > 0)
        {
            request.Content = new StreamContent(incoming.Body);
        }
        foreach (var (name, values) in incoming.Headers)
        {
            if (HopByHop.Contains(name))
            {
                continue;
            }
            if (!request.Headers.TryAddWithoutValidation(name, values.ToArray()))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, values.ToArray());
            }
        }
        request.Headers.Host = incoming.Host.Value;
        using var response = await api.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            if (!HopByHop.Contains(name))
            {
                context.Response.Headers[name] = values.ToArray();
            }
        }
        await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        api.Dispose();
    }
}
