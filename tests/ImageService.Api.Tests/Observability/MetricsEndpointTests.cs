using System.Net;
using System.Text;
using ImageService.Api.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;

namespace ImageService.Api.Tests.Observability;

/// <summary>/metrics on the embedded backend: the figures move under real traffic, and only loopback callers or holders
/// of Observability:MetricsKey may read them. Alone in its collection: the exporter listens to every meter named
/// ImageService in the process, so another test's app delivering at the same time would move the figures too.</summary>
[Collection(nameof(ProcessWide))]
public sealed class MetricsEndpointTests : IDisposable
{
    private const string Key = "metrics-key-0123456789abcdef";

    private readonly ImageServiceApp app = new(new Dictionary<string, string?>
    {
        ["Observability:PrometheusEndpoint"] = "true",
        ["Observability:MetricsKey"] = Key,
        // Accounts start on free (10 requests per second); one render a month makes the quota reachable.
        ["Plans:free:MonthlyTransformations"] = "1",
    });

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task Delivery_upload_and_request_figures_move_under_traffic()
    {
        using var owner = app.CreateClient(user: "metrics-owner");
        var before = await ScrapeAsync(IPAddress.Loopback);
        var original = TestImages.Jpeg(640, 400);
        var image = await owner.UploadOkAsync(original);
        var account = await (await owner.GetAsync("/account")).JsonAsync();
        var url = $"/{account.GetProperty("publicKey").GetString()}/{image.Id}?w=120&f=webp";
        using var browser = app.CreateClient();

        using var rendered = await browser.GetAsync(url);
        using var stored = await browser.GetAsync(url);
        using var conditional = new HttpRequestMessage(HttpMethod.Get, url);
        conditional.Headers.IfNoneMatch.Add(stored.Headers.ETag!);
        using var notModified = await browser.SendAsync(conditional);
        using var missing = await browser.GetAsync($"/{account.GetProperty("publicKey").GetString()}/img_doesnotexist?w=120");
        var after = await ScrapeAsync(IPAddress.Loopback);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.NotModified, HttpStatusCode.NotFound),
            (rendered.StatusCode, stored.StatusCode, notModified.StatusCode, missing.StatusCode));
        double Delta(string name, params string[] labels) => after.Value(name, labels) - before.Value(name, labels);
        Assert.Equal(1, Delta("imageservice_delivery_results_total", "result=render"));
        Assert.Equal(1, Delta("imageservice_delivery_results_total", "result=derived_hit"));
        Assert.Equal(1, Delta("imageservice_delivery_results_total", "result=not_modified"));
        var served = (await rendered.Content.ReadAsByteArrayAsync()).Length + (await stored.Content.ReadAsByteArrayAsync()).Length;
        Assert.Equal(served, Delta("imageservice_delivery_bytes_total"));
        Assert.Equal(1, Delta("imageservice_render_duration_seconds_count", "format=webp"));
        Assert.True(Delta("imageservice_render_duration_seconds_sum", "format=webp") > 0);
        Assert.Equal(1, Delta("imageservice_upload_size_bytes_count", "kind=inline"));
        Assert.Equal(original.Length, Delta("imageservice_upload_size_bytes_sum", "kind=inline"));
        Assert.Equal(3, Delta("imageservice_http_requests_total", "route_group=transform", "status_class=2xx") +
            Delta("imageservice_http_requests_total", "route_group=transform", "status_class=3xx"));
        Assert.Equal(1, Delta("imageservice_http_requests_total", "route_group=transform", "status_class=4xx"));
        Assert.Equal(1, Delta("imageservice_http_requests_total", "route_group=upload", "status_class=2xx"));
        Assert.Equal(1, Delta("imageservice_http_requests_total", "route_group=account", "status_class=2xx"));
        Assert.True(Delta("imageservice_http_request_duration_seconds_count", "route_group=transform") >= 4);
        // Labels are closed sets: no account, key, image id or path ever becomes one.
        Assert.DoesNotContain(image.Id, after.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("metrics-owner", after.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(account.GetProperty("publicKey").GetString()!, after.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delivery_refusals_by_rate_and_quota_are_counted()
    {
        using var owner = app.CreateClient(user: "metrics-refusals");
        var image = await owner.UploadOkAsync(TestImages.Jpeg(64, 48));
        var publicKey = (await (await owner.GetAsync("/account")).JsonAsync()).GetProperty("publicKey").GetString();
        using var browser = app.CreateClient();
        using var first = await browser.GetAsync($"/{publicKey}/{image.Id}?w=10");
        var before = await ScrapeAsync(IPAddress.Loopback);

        using var second = await browser.GetAsync($"/{publicKey}/{image.Id}?w=10");
        using var overQuota = await browser.GetAsync($"/{publicKey}/{image.Id}?w=11");
        var statuses = await Task.WhenAll(Enumerable.Range(0, 40).Select(async _ =>
        {
            using var response = await browser.GetAsync($"/{publicKey}/{image.Id}?w=10");
            return response.StatusCode;
        }));
        var after = await ScrapeAsync(IPAddress.Loopback);

        Assert.Equal(HttpStatusCode.TooManyRequests, overQuota.StatusCode);
        Assert.Equal(1, after.Value("imageservice_quota_refusals_total", "quota=transformations") - before.Value("imageservice_quota_refusals_total", "quota=transformations"));
        var refused = statuses.Count(s => s == HttpStatusCode.TooManyRequests);
        Assert.True(refused > 0, "the burst was never rate limited");
        Assert.Equal(refused, after.Value("imageservice_rate_limit_refusals_total", "scope=delivery") - before.Value("imageservice_rate_limit_refusals_total", "scope=delivery"));
    }

    [Fact]
    public async Task Remote_callers_need_the_metrics_key_as_a_bearer_token()
    {
        var remote = IPAddress.Parse("203.0.113.9");

        var anonymous = await SendAsync(remote, authorization: null);
        var wrong = await SendAsync(remote, "Bearer " + Key[..^1] + "X");
        var right = await SendAsync(remote, "Bearer " + Key);
        var mappedLoopback = await SendAsync(IPAddress.Loopback.MapToIPv6(), authorization: null);
        var ipv6Loopback = await SendAsync(IPAddress.IPv6Loopback, authorization: null);

        Assert.Equal(401, anonymous.Response.StatusCode);
        Assert.Equal("Bearer", anonymous.Response.Headers.WWWAuthenticate.ToString());
        Assert.Equal(401, wrong.Response.StatusCode);
        Assert.Equal(200, right.Response.StatusCode);
        Assert.StartsWith("text/plain", right.Response.ContentType, StringComparison.Ordinal);
        Assert.Equal(200, mappedLoopback.Response.StatusCode);
        Assert.Equal(200, ipv6Loopback.Response.StatusCode);
    }

    [Fact]
    public async Task Without_a_key_remote_callers_find_no_metrics()
    {
        using var keyless = new ImageServiceApp(new Dictionary<string, string?> { ["Observability:PrometheusEndpoint"] = "true" });

        var remote = await SendAsync(keyless.Server, IPAddress.Parse("198.51.100.4"), "Bearer anything-at-all-0123456789");
        var local = await SendAsync(keyless.Server, IPAddress.Loopback, authorization: null);

        Assert.Equal(404, remote.Response.StatusCode);
        Assert.Equal(200, local.Response.StatusCode);
    }

    [Fact]
    public async Task Outside_development_metrics_are_off_unless_asked_for()
    {
        using var production = new ImageServiceApp { EnvironmentName = "Production" };
        using var development = new ImageServiceApp { EnvironmentName = "Development" };

        var off = await SendAsync(production.Server, IPAddress.Loopback, authorization: null);
        var on = await SendAsync(development.Server, IPAddress.Loopback, authorization: null);

        // /metrics is then just a path the delivery catch-all refuses.
        Assert.Equal(404, off.Response.StatusCode);
        Assert.StartsWith("application/problem+json", off.Response.ContentType, StringComparison.Ordinal);
        Assert.Equal(200, on.Response.StatusCode);
        Assert.StartsWith("text/plain", on.Response.ContentType, StringComparison.Ordinal);
    }

    private async Task<PrometheusText> ScrapeAsync(IPAddress remote)
    {
        var context = await SendAsync(remote, authorization: null);
        Assert.Equal(200, context.Response.StatusCode);
        using var reader = new StreamReader(context.Response.Body, Encoding.UTF8);
        return new PrometheusText(await reader.ReadToEndAsync());
    }

    private Task<HttpContext> SendAsync(IPAddress remote, string? authorization) => SendAsync(app.Server, remote, authorization);

    private static Task<HttpContext> SendAsync(TestServer server, IPAddress remote, string? authorization) =>
        server.SendAsync(context =>
        {
            context.Request.Method = "GET";
            context.Request.Path = "/metrics";
            context.Connection.RemoteIpAddress = remote;
            if (authorization is not null)
            {
                context.Request.Headers.Authorization = authorization;
            }
        });
}
