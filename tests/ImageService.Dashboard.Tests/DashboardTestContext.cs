using ImageService.Contracts.Dashboard;
using ImageService.Dashboard.Services;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ImageService.Dashboard.Tests;

/// <summary>A bUnit context with the dashboard's real services over <see cref="FakeApi"/>, in-memory sessionStorage, a
/// recording clipboard and upload transport, and a fixed clock. The app's own browser calls go through [JSImport]
/// seams (bUnit's JSInterop does not see them), so these doubles stand in; the framework's calls are answered loosely.</summary>
public abstract class DashboardTestContext : BunitContext
{
    public static readonly DateTimeOffset Now = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    protected DashboardTestContext(string signIn = DashboardConfig.Development)
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddSingleton(new DashboardConfig("https://api.example.test", "https://cdn.example.test", signIn, "https://auth.example.test", "client-1", 1000));
        Services.AddDashboardServices(new HandlerFetch(Api), Storage, Clipboard, Uploads);
        Services.AddSingleton<TimeProvider>(Clock);
    }

    public FakeApi Api { get; } = new();

    public MemoryStorage Storage { get; } = new();

    public FakeClipboard Clipboard { get; } = new();

    public FakeUploads Uploads { get; } = new();

    public FakeTimeProvider Clock { get; } = new(Now);

    public NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    protected void SignIn(string user = "alice") =>
        Services.GetRequiredService<Session>().SignIn("token-of-" + user, Now.AddHours(1), user);

    public const string Account = """
        {"id":"acc_1","publicKey":"pk_test123","plan":{"id":"pro","displayName":"Pro","maxOutputDimension":4096,"avifAllowed":true,
         "signedUrls":true,"signedUrlsRequired":false,"customDomains":true,"requestsPerSecond":100,"monthlyTransformations":50000,
         "monthlyBandwidthBytes":107374182400},"allowedOrigins":["shop.example.com"],"strictOrigins":false,"requireSignedUrls":false,
         "defaultTransform":null,"allowArbitraryTransforms":true,"customDomains":[],"status":"active","createdAt":"2026-11-01T00:00:00Z","updatedAt":"2026-11-01T00:00:00Z",
         "version":3,"deliveryBaseUrl":"https://cdn.example.test"}
        """;

    public static string Image(string id, string? title = null, string status = "ready") => $$"""
        {"id":"{{id}}","albumId":null,"title":{{(title is null ? "null" : $"\"{title}\"")}},"description":null,"tags":[],"path":null,"format":"jpeg",
         "width":1200,"height":800,"bytes":123456,"sha256":"ab","status":"{{status}}","createdAt":"2026-11-30T00:00:00Z",
         "updatedAt":"2026-11-30T00:00:00Z","version":1,"links":{"self":"/images/{{id}}","original":"/images/{{id}}/original",
         "display":"/images/{{id}}/display","thumbnail":"/images/{{id}}/thumbnail","content":"/images/{{id}}/content"} }
        """.Replace("} }", "}}", StringComparison.Ordinal);

    public static string Usage(string month, long requests, long transformations, long bytes, string extra = "") => $$"""
        {"month":"{{month}}","requests":{{requests}},"transformations":{{transformations}},"bytesServed":{{bytes}},"cacheHits":0,
         "planId":"pro","monthlyTransformations":50000,"monthlyBandwidthBytes":107374182400{{extra}}}
        """;
}
