using System.Net;
using System.Text;

namespace ImageService.Api.Tests.Dashboard;

/// <summary>The dashboard at /app/ (static files of web/ImageService.Dashboard), its config.json and the
/// Development-only sign-in endpoint.</summary>
public sealed class DashboardHostingTests
{
    [Fact]
    public async Task App_answers_the_built_index_page_with_its_policy_and_no_long_cache()
    {
        await using var app = new ImageServiceApp { EnvironmentName = "Development" };
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/app/");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<base href=\"/app/\" />", html, StringComparison.Ordinal);
        // The placeholder in the source (blazor.webassembly#[.{fingerprint}].js) is replaced by the fingerprinted name.
        Assert.Matches("_framework/blazor\\.webassembly\\.[a-z0-9]+\\.js", html);
        Assert.DoesNotContain("{fingerprint}", html, StringComparison.Ordinal);
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self' 'wasm-unsafe-eval'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("img-src 'self' data: blob: http://localhost", policy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Client_side_routes_get_the_index_page_and_unknown_files_stay_404()
    {
        await using var app = new ImageServiceApp { EnvironmentName = "Development" };
        using var client = app.CreateClient();

        using var route = await client.GetAsync("/app/images/01JK3ZQ8W6M2T4XH7C9RDV5N1E");
        using var missing = await client.GetAsync("/app/_framework/missing.js");
        using var bare = await client.GetAsync("/app");

        Assert.Equal(HttpStatusCode.OK, route.StatusCode);
        Assert.Contains("<base href=\"/app/\" />", await route.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("/app/", bare.RequestMessage!.RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task Fingerprinted_framework_files_are_immutable()
    {
        // Development serves every asset no-cache (rebuilds replace files under the same name) unless told to keep the
        // published headers, which this checks; the fingerprint makes the name the version.
        await using var app = new ImageServiceApp(new() { ["EnableStaticAssetsDevelopmentCaching"] = "true" }) { EnvironmentName = "Development" };
        using var client = app.CreateClient();
        var html = await client.GetStringAsync("/app/");
        var script = System.Text.RegularExpressions.Regex.Match(html, "_framework/blazor\\.webassembly\\.[a-z0-9]+\\.js").Value;

        using var response = await client.GetAsync("/app/" + script);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("immutable", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromDays(365), response.Headers.CacheControl?.MaxAge);
    }

    [Fact]
    public async Task Config_names_the_api_delivery_and_development_sign_in()
    {
        await using var app = new ImageServiceApp(new() { ["Delivery:PublicBaseUrl"] = "https://cdn.example.test", ["Uploads:InlineMaxBytes"] = "1234" })
        { EnvironmentName = "Development" };
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/app/config.json");
        var config = await response.JsonAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("http://localhost", config.GetProperty("apiBaseUrl").GetString());
        Assert.Equal("https://cdn.example.test", config.GetProperty("deliveryBaseUrl").GetString());
        Assert.Equal("development", config.GetProperty("signIn").GetString());
        Assert.Equal(1234, config.GetProperty("inlineUploadMaxBytes").GetInt64());
        Assert.Contains("https://cdn.example.test", Assert.Single(response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Development_token_endpoint_issues_a_token_the_api_accepts()
    {
        await using var app = new ImageServiceApp { EnvironmentName = "Development" };
        using var client = app.CreateClient();

        using var issued = await client.PostAsync("/auth/dev-token", Json("""{"userName":"dana"}"""));
        var body = await issued.JsonAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/account");
        request.Headers.Authorization = new("Bearer", body.GetProperty("accessToken").GetString());
        using var account = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        Assert.True(body.GetProperty("expiresAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddHours(1));
        Assert.Equal(HttpStatusCode.OK, account.StatusCode);
    }

    [Fact]
    public async Task Development_token_endpoint_refuses_an_invalid_user_name_with_its_field()
    {
        await using var app = new ImageServiceApp { EnvironmentName = "Development" };
        using var client = app.CreateClient();

        using var response = await client.PostAsync("/auth/dev-token", Json("""{"userName":"no spaces allowed"}"""));
        var problem = await response.ReadProblemAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("userName", out _));
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Testing")]
    public async Task Development_token_endpoint_is_absent_outside_development(string environment)
    {
        await using var app = new ImageServiceApp { EnvironmentName = environment };
        using var client = app.CreateClient();

        using var response = await client.PostAsync("/auth/dev-token", Json("""{"userName":"mallory"}"""));
        using var config = await client.GetAsync("/app/config.json");

        // No endpoint: the path only matches delivery's custom-domain catch-all, which takes GET and HEAD.
        Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed, response.StatusCode.ToString());
        Assert.DoesNotContain("accessToken", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("none", (await config.JsonAsync()).GetProperty("signIn").GetString());
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
