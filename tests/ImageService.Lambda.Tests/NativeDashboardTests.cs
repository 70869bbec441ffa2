using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using ImageService.Lambda.Tests.Native;

namespace ImageService.Lambda.Tests;

/// <summary>
/// The one-machine install: the published native <c>bootstrap</c> (the same artifact the smoke tests publish, see
/// <see cref="NativeArtifact"/>) started on Kestrel serves the customer dashboard at /app/ from the files its publish
/// carries (wwwroot/app: index.html with the fingerprinted names filled in, _framework with brotli variants).
/// Expected bytes are the publish folder's own files.
/// </summary>
public sealed partial class NativeDashboardTests(NativeDashboardServer server) : IClassFixture<NativeDashboardServer>
{
    [Fact]
    public async Task App_answers_the_published_index_page_and_never_caches_it()
    {
        using var client = NewClient(server);

        using var response = await client.GetAsync(new Uri("app/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
        var expected = await File.ReadAllBytesAsync(Path.Combine(server.WebRoot, "index.html"));
        Assert.Equal(expected, await response.Content.ReadAsByteArrayAsync());
        var html = Encoding.UTF8.GetString(expected);
        Assert.Contains("<base href=\"/app/\" />", html, StringComparison.Ordinal);
        Assert.DoesNotContain("#[.{fingerprint}]", html, StringComparison.Ordinal); // the publish filled the placeholders
    }

    [Fact]
    public async Task A_client_side_route_answers_the_index_page_too()
    {
        using var client = NewClient(server);

        using var response = await client.GetAsync(new Uri("app/images", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(server.WebRoot, "index.html")), await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task The_framework_script_the_page_names_is_served_brotli_compressed_and_immutable()
    {
        var html = await File.ReadAllTextAsync(Path.Combine(server.WebRoot, "index.html"));
        var script = FingerprintedBlazorScript().Match(html);
        Assert.True(script.Success, "index.html names no fingerprinted _framework/blazor.webassembly.*.js");
        using var client = NewClient(server);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("app/" + script.Value, UriKind.Relative));
        request.Headers.AcceptEncoding.ParseAdd("br");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["br"], response.Content.Headers.ContentEncoding);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        var cacheControl = response.Headers.CacheControl;
        Assert.True(cacheControl is { MaxAge.TotalDays: >= 365 } && cacheControl.Extensions.Any(e => e.Name == "immutable"), $"Cache-Control: {cacheControl}");
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(server.WebRoot, script.Value + ".br")), body);
        await using var decoded = new BrotliStream(new MemoryStream(body), CompressionMode.Decompress);
        using var plain = new MemoryStream();
        await decoded.CopyToAsync(plain);
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(server.WebRoot, script.Value)), plain.ToArray());
    }

    [Fact]
    public async Task The_dashboards_configuration_names_this_server_and_no_development_sign_in_outside_development()
    {
        using var client = NewClient(server);

        using var response = await client.GetAsync(new Uri("app/config.json", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var config = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(server.Kestrel.BaseAddress.GetLeftPart(UriPartial.Authority), config.RootElement.GetProperty("apiBaseUrl").GetString());
        Assert.Equal("none", config.RootElement.GetProperty("signIn").GetString());
        // The development sign-in is not mapped outside Development: the router answers 404, or 405 where a GET-only
        // route (delivery's custom-domain catch-all) matches the path.
        using var devToken = await client.PostAsync(new Uri("auth/dev-token", UriKind.Relative), new StringContent("{\"userName\":\"x\"}", Encoding.UTF8, "application/json"));
        Assert.Contains(devToken.StatusCode, new[] { HttpStatusCode.NotFound, HttpStatusCode.MethodNotAllowed });
        Assert.DoesNotContain("accessToken", await devToken.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static HttpClient NewClient(NativeDashboardServer server) =>
        new(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None }) { BaseAddress = server.Kestrel.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    [GeneratedRegex(@"_framework/blazor\.webassembly\.[a-z0-9]+\.js")]
    private static partial Regex FingerprintedBlazorScript();
}
