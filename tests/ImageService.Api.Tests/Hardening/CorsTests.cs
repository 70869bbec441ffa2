using System.Net;
using ImageService.Api.Tests.Delivery;

namespace ImageService.Api.Tests.Hardening;

/// <summary>CORS of the management API: exactly the configured origins, compared as whole strings; delivery keeps the
/// account's own allowed origins.</summary>
public sealed class CorsTests : IDisposable
{
    private const string App = "https://app.example.com";

    private readonly DeliveryTestApp app = new(new() { ["Cors:AllowedOrigins:0"] = App, ["Cors:AllowedOrigins:1"] = "http://localhost:3000" });

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task A_listed_origin_is_echoed_exactly_with_vary_origin_and_no_credentials()
    {
        using var client = app.Client("cors-owner");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/images");
        request.Headers.Add("Origin", App);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(App, Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Contains("Origin", response.Headers.Vary);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Credentials"));
        Assert.Contains("ETag", response.Headers.GetValues("Access-Control-Expose-Headers").SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries)));
    }

    [Theory]
    [InlineData("https://app.example.com.evil.net")]
    [InlineData("http://app.example.com")]
    [InlineData("https://app.example.com:8443")]
    [InlineData("https://evil-app.example.com")]
    [InlineData("https://sub.app.example.com")]
    [InlineData("null")]
    [InlineData("http://localhost:3001")]
    public async Task Any_other_origin_gets_no_cors_headers(string origin)
    {
        using var client = app.Client("cors-owner");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/images");
        request.Headers.Add("Origin", origin);

        using var response = await client.SendAsync(request);

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"), origin);
    }

    [Fact]
    public async Task A_preflight_from_a_listed_origin_allows_the_api_methods_and_headers()
    {
        using var client = app.Browser();
        using var request = Preflight("/images/01JK3ZQ8W6M2T4XH7C9RDV5N1E", App, "PATCH", "authorization, content-type, if-match");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(App, Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Contains("PATCH", string.Join(',', response.Headers.GetValues("Access-Control-Allow-Methods")), StringComparison.Ordinal);
        var allowed = string.Join(',', response.Headers.GetValues("Access-Control-Allow-Headers")).ToUpperInvariant();
        Assert.Contains("AUTHORIZATION", allowed, StringComparison.Ordinal);
        Assert.Contains("IF-MATCH", allowed, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/account")]
    [InlineData("/images")]
    [InlineData("/images/01JK3ZQ8W6M2T4XH7C9RDV5N1E")]
    [InlineData("/usage")]
    public async Task A_preflight_for_a_bearer_get_is_answered_by_the_management_api_not_the_delivery_catch_all(string path)
    {
        // A GET with Authorization is not a simple request: the browser asks first. The custom-domain delivery route
        // ({**image}, GET and HEAD) matches every path and answers CORS from an account's own origins; the
        // management route with the same path must win the preflight.
        using var client = app.Browser();
        using var request = Preflight(path, App, "GET", "authorization");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(App, Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Contains("AUTHORIZATION", string.Join(',', response.Headers.GetValues("Access-Control-Allow-Headers")).ToUpperInvariant(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_preflight_from_another_origin_or_for_an_unlisted_header_is_not_allowed()
    {
        using var client = app.Browser();
        using var foreign = await client.SendAsync(Preflight("/images", "https://evil.example", "POST", "authorization"));
        using var oddHeader = await client.SendAsync(Preflight("/images", App, "POST", "x-secret-sauce"));

        Assert.False(foreign.Headers.Contains("Access-Control-Allow-Origin"));
        // The browser refuses the request unless every header it asked for is listed back.
        var listed = oddHeader.Headers.TryGetValues("Access-Control-Allow-Headers", out var values) ? string.Join(',', values) : "";
        Assert.DoesNotContain("x-secret-sauce", listed, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Without_configured_origins_the_management_api_answers_no_cors_at_all()
    {
        using var plain = new ImageServiceApp();
        using var client = plain.CreateClient(user: "alice");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/images");
        request.Headers.Add("Origin", App);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Delivery_answers_from_the_accounts_allowed_origins_not_the_api_list()
    {
        var account = await app.AccountAsync("cors-shop");
        var image = await app.UploadAsync("cors-shop");
        using var owner = app.Client("cors-shop");
        using (var patch = await owner.PatchJsonAsync("/account", """{"allowedOrigins": ["shop.example.net"]}"""))
        {
            Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        }
        using var browser = app.Browser();

        using var fromShop = await browser.SendAsync(WithOrigin($"/{account.PublicKey}/{image}?w=40", "https://shop.example.net"));
        using var fromApiOrigin = await browser.SendAsync(WithOrigin($"/{account.PublicKey}/{image}?w=40", App));

        Assert.Equal(HttpStatusCode.OK, fromShop.StatusCode);
        Assert.Equal("https://shop.example.net", Assert.Single(fromShop.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Equal(HttpStatusCode.Forbidden, fromApiOrigin.StatusCode);
        Assert.False(fromApiOrigin.Headers.Contains("Access-Control-Allow-Origin"));
    }

    private static HttpRequestMessage WithOrigin(string url, string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Origin", origin);
        return request;
    }

    private static HttpRequestMessage Preflight(string url, string origin, string method, string headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, url);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", method);
        request.Headers.Add("Access-Control-Request-Headers", headers);
        return request;
    }
}
