using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace ImageService.Api.Tests.Delivery;

/// <summary>The delivery route as a browser meets it: signed URLs, keys, plans, caching headers and ownership.
/// Each test uses its own user (its own account, rate window and usage).</summary>
public sealed class DeliveryTests(DeliveryTests.Fixture fixture) : IClassFixture<DeliveryTests.Fixture>
{
    public sealed class Fixture : IDisposable
    {
        public DeliveryTestApp Delivery { get; } = new();

        public void Dispose() => Delivery.Dispose();
    }

    private readonly DeliveryTestApp app = fixture.Delivery;

    [Fact]
    public async Task A_signed_url_from_the_api_delivers_the_transformed_image()
    {
        await app.AccountAsync("del-sign", plan: "pro");
        await app.CreateKeyAsync("del-sign");
        var image = await app.UploadAsync("del-sign");
        var url = await app.SignedUrlAsync("del-sign", image, """{"w": 400, "f": "png"}""", expiresInSeconds: 3600);
        using var browser = app.Browser();

        using var response = await browser.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        var info = TestImages.Probe(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(("png", 400, 250), (info.Format, info.Width, info.Height));
        Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl?.ToString());
        Assert.False(response.Headers.ETag!.IsWeak);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Empty(response.Headers.Vary);
    }

    [Fact]
    public async Task A_tampered_signed_url_is_403_and_an_expired_one_is_410()
    {
        await app.AccountAsync("del-tamper", plan: "pro");
        await app.CreateKeyAsync("del-tamper");
        var image = await app.UploadAsync("del-tamper");
        var url = await app.SignedUrlAsync("del-tamper", image, """{"w": 100}""", expiresInSeconds: 60);
        using var browser = app.Browser();

        using var tampered = await browser.GetAsync(url.Replace("w=100", "w=101", StringComparison.Ordinal));
        using var valid = await browser.GetAsync(url);
        app.Time.Advance(TimeSpan.FromSeconds(61));
        using var expired = await browser.GetAsync(url);

        Assert.Equal(HttpStatusCode.Forbidden, tampered.StatusCode);
        Assert.Equal("urn:imageservice:problem:signature-invalid", (await tampered.ReadProblemAsync()).GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.OK, valid.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);
        Assert.Equal("urn:imageservice:problem:signature-expired", (await expired.ReadProblemAsync()).GetProperty("type").GetString());
    }

    [Fact]
    public async Task An_account_that_requires_signed_urls_refuses_an_unsigned_one()
    {
        var account = await app.AccountAsync("del-require", plan: "pro");
        var image = await app.UploadAsync("del-require");
        using var owner = app.Client("del-require");
        using var patch = await owner.PatchJsonAsync("/account", """{"requireSignedUrls": true}""");
        using var browser = app.Browser();

        using var response = await browser.GetAsync($"/{account.PublicKey}/{image}?w=50");

        Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("urn:imageservice:problem:signature-required", (await response.ReadProblemAsync()).GetProperty("type").GetString());
    }

    [Fact]
    public async Task Old_and_new_keys_both_verify_until_the_old_one_is_revoked()
    {
        var account = await app.AccountAsync("del-rotate", plan: "pro");
        var image = await app.UploadAsync("del-rotate");
        var oldKey = await app.CreateKeyAsync("del-rotate", "old");
        var newKey = await app.CreateKeyAsync("del-rotate", "new");
        var path = $"/{account.PublicKey}/{image}";
        var byOld = DeliveryTestApp.SignLocally(path, "w=80", oldKey.Secret);
        var byNew = DeliveryTestApp.SignLocally(path, "w=80", newKey.Secret);
        using var browser = app.Browser();
        using var owner = app.Client("del-rotate");

        using var oldBefore = await browser.GetAsync(byOld);
        using var newBefore = await browser.GetAsync(byNew);
        using var revoke = await owner.DeleteAsync($"/account/keys/{oldKey.Id}");
        using var oldAfter = await browser.GetAsync(byOld);
        using var newAfter = await browser.GetAsync(byNew);

        Assert.Equal(HttpStatusCode.OK, oldBefore.StatusCode);
        Assert.Equal(HttpStatusCode.OK, newBefore.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, oldAfter.StatusCode);
        Assert.Equal(HttpStatusCode.OK, newAfter.StatusCode);
    }

    [Theory]
    [InlineData("https://a.example.com", HttpStatusCode.OK)]
    [InlineData("https://a.b.example.com:8443", HttpStatusCode.OK)]
    [InlineData("https://shop.test", HttpStatusCode.OK)]
    [InlineData("https://example.com.evil.net", HttpStatusCode.Forbidden)]
    [InlineData("https://evil-example.com", HttpStatusCode.Forbidden)]
    [InlineData("https://example.com", HttpStatusCode.Forbidden)]
    [InlineData("https://shop.test.evil.net", HttpStatusCode.Forbidden)]
    public async Task Allowed_origins_match_exact_hosts_and_subdomain_wildcards_only(string origin, HttpStatusCode expected)
    {
        var user = "del-origin-" + new Uri(origin).Host.Replace('.', '-') + "-" + new Uri(origin).Port;
        var account = await app.AccountAsync(user);
        var image = await app.UploadAsync(user);
        using var owner = app.Client(user);
        using var patch = await owner.PatchJsonAsync("/account", """{"allowedOrigins": ["*.example.com", "shop.test"]}""");
        using var browser = app.Browser();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/{account.PublicKey}/{image}?w=40");
        request.Headers.TryAddWithoutValidation("Origin", origin);

        using var response = await browser.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.OK)
        {
            Assert.Equal(origin, Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
            Assert.Contains("Origin", response.Headers.Vary);
        }
        else
        {
            Assert.Equal("urn:imageservice:problem:origin-not-allowed", (await response.ReadProblemAsync()).GetProperty("type").GetString());
        }
    }

    [Fact]
    public async Task A_referer_stands_in_for_origin_and_a_strict_account_refuses_requests_with_neither()
    {
        var account = await app.AccountAsync("del-strict");
        var image = await app.UploadAsync("del-strict");
        using var owner = app.Client("del-strict");
        using var browser = app.Browser();
        var url = $"/{account.PublicKey}/{image}?w=40";
        using var lenient = await owner.PatchJsonAsync("/account", """{"allowedOrigins": ["*.example.com"]}""");
        using var noHeaders = await browser.GetAsync(url);
        using var fromPage = new HttpRequestMessage(HttpMethod.Get, url);
        fromPage.Headers.Referrer = new Uri("https://www.example.com/gallery");
        using var referred = await browser.SendAsync(fromPage);
        using var strict = await owner.PatchJsonAsync("/account", """{"strictOrigins": true}""");
        using var noHeadersStrict = await browser.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, noHeaders.StatusCode);
        Assert.Equal(HttpStatusCode.OK, referred.StatusCode);
        Assert.False(referred.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.Equal(HttpStatusCode.OK, strict.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, noHeadersStrict.StatusCode);
    }

    [Fact]
    public async Task An_account_without_allowed_origins_answers_cors_with_a_wildcard()
    {
        var account = await app.AccountAsync("del-cors");
        var image = await app.UploadAsync("del-cors");
        using var browser = app.Browser();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/{account.PublicKey}/{image}?w=40");
        request.Headers.TryAddWithoutValidation("Origin", "https://anywhere.example");

        using var response = await browser.SendAsync(request);

        Assert.Equal("*", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.DoesNotContain("Origin", response.Headers.Vary);
    }

    [Fact]
    public async Task The_free_plan_refuses_avif_and_outputs_above_its_maximum_naming_the_feature()
    {
        var account = await app.AccountAsync("del-plan");
        var image = await app.UploadAsync("del-plan");
        using var browser = app.Browser();

        using var avif = await browser.GetAsync($"/{account.PublicKey}/{image}?w=100&f=avif");
        using var huge = await browser.GetAsync($"/{account.PublicKey}/{image}?w=3000");
        using var signed = await browser.GetAsync($"/{account.PublicKey}/{image}?w=100&sig={new string('0', 64)}");
        using var owner = app.Client("del-plan");
        using var signing = await app.SignUrlAsync("del-plan", image, """{"w": 100}""");

        Assert.Equal(HttpStatusCode.Forbidden, avif.StatusCode);
        var avifProblem = await avif.ReadProblemAsync();
        Assert.Equal("urn:imageservice:problem:plan-feature-unavailable", avifProblem.GetProperty("type").GetString());
        Assert.Equal("avif", avifProblem.GetProperty("feature").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, huge.StatusCode);
        Assert.Equal("max-output-dimension", (await huge.ReadProblemAsync()).GetProperty("feature").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, signed.StatusCode);
        Assert.Equal("signed-urls", (await signed.ReadProblemAsync()).GetProperty("feature").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, signing.StatusCode);
        Assert.Equal("signed-urls", (await signing.ReadProblemAsync()).GetProperty("feature").GetString());
    }

    [Fact]
    public async Task Auto_format_negotiates_from_accept_and_only_then_varies_on_it()
    {
        var account = await app.AccountAsync("del-auto", plan: "pro");
        var image = await app.UploadAsync("del-auto");
        using var browser = app.Browser();
        using var avifRequest = new HttpRequestMessage(HttpMethod.Get, $"/{account.PublicKey}/{image}?w=120&f=auto");
        avifRequest.Headers.TryAddWithoutValidation("Accept", "image/avif,image/webp,image/*");
        using var webpRequest = new HttpRequestMessage(HttpMethod.Get, $"/{account.PublicKey}/{image}?w=120&f=auto");
        webpRequest.Headers.TryAddWithoutValidation("Accept", "image/webp,image/*");

        using var avif = await browser.SendAsync(avifRequest);
        using var webp = await browser.SendAsync(webpRequest);
        using var fixedFormat = await browser.GetAsync($"/{account.PublicKey}/{image}?w=120&f=webp");

        Assert.Equal("image/avif", avif.Content.Headers.ContentType?.MediaType);
        Assert.Equal("image/webp", webp.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Accept", avif.Headers.Vary);
        Assert.Contains("Accept", webp.Headers.Vary);
        Assert.NotEqual(avif.Headers.ETag, webp.Headers.ETag);
        Assert.Equal(HttpStatusCode.OK, fixedFormat.StatusCode);
        Assert.DoesNotContain("Accept", fixedFormat.Headers.Vary);
    }

    [Fact]
    public async Task An_if_none_match_with_the_etag_is_304_with_the_caching_headers()
    {
        var account = await app.AccountAsync("del-304");
        var image = await app.UploadAsync("del-304");
        using var browser = app.Browser();
        var url = $"/{account.PublicKey}/{image}?w=64";
        using var first = await browser.GetAsync(url);
        using var again = new HttpRequestMessage(HttpMethod.Get, url);
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);

        using var second = await browser.SendAsync(again);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
        Assert.Contains("immutable", second.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        Assert.Empty(await second.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task The_second_request_is_served_from_the_derived_cache_and_counted_as_a_hit()
    {
        var account = await app.AccountAsync("del-hit");
        var image = await app.UploadAsync("del-hit");
        using var browser = app.Browser();
        var url = $"/{account.PublicKey}/{image}?w=90&h=90";

        using var first = await browser.GetAsync(url);
        using var second = await browser.GetAsync($"/{account.PublicKey}/{image}?h=90&w=90");
        var usage = await app.UsageAfterAsync("del-hit", 2);

        Assert.Equal(await first.Content.ReadAsByteArrayAsync(), await second.Content.ReadAsByteArrayAsync());
        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
        Assert.Equal((2L, 1L, 1L), (usage.Requests, usage.Transformations, usage.CacheHits));
        Assert.Equal(first.Content.Headers.ContentLength + second.Content.Headers.ContentLength, usage.BytesServed);
    }

    [Fact]
    public async Task Head_answers_the_gets_headers_without_a_body_and_counts_no_bytes()
    {
        var account = await app.AccountAsync("del-head");
        var image = await app.UploadAsync("del-head");
        using var browser = app.Browser();
        var url = $"/{account.PublicKey}/{image}?w=80";

        using var get = await browser.GetAsync(url);
        using var head = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));
        using var unknown = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/{account.PublicKey}/01M80ZX2XN47E2R3X6D6FWFAZQ?w=80"));
        var usage = await app.UsageAfterAsync("del-head", 3);

        var body = await get.Content.ReadAsByteArrayAsync();
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(get.Content.Headers.ContentType, head.Content.Headers.ContentType);
        Assert.Equal(body.Length, head.Content.Headers.ContentLength);
        Assert.Equal(get.Headers.ETag, head.Headers.ETag);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal((3L, 1L, body.Length), (usage.Requests, usage.Transformations, usage.BytesServed));
    }

    [Fact]
    public async Task Another_accounts_image_through_my_public_key_is_404()
    {
        var mine = await app.AccountAsync("del-mine");
        await app.AccountAsync("del-theirs");
        var theirs = await app.UploadAsync("del-theirs");
        using var browser = app.Browser();

        using var response = await browser.GetAsync($"/{mine.PublicKey}/{theirs}?w=50");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("urn:imageservice:problem:not-found", (await response.ReadProblemAsync()).GetProperty("type").GetString());
    }

    [Fact]
    public async Task An_unknown_public_key_is_404_and_a_suspended_account_is_403()
    {
        var account = await app.AccountAsync("del-suspend");
        var image = await app.UploadAsync("del-suspend");
        using var browser = app.Browser();

        using var unknown = await browser.GetAsync($"/pk_{new string('x', 24)}/{image}");
        await app.ChangeAsync("del-suspend", a => a with { Status = ImageService.Core.Accounts.AccountStatus.Suspended });
        using var suspended = await browser.GetAsync($"/{account.PublicKey}/{image}?w=50");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, suspended.StatusCode);
        Assert.Equal("urn:imageservice:problem:account-suspended", (await suspended.ReadProblemAsync()).GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_malformed_public_key_is_a_404_that_says_the_key_is_malformed()
    {
        var account = await app.AccountAsync("del-badkey");
        var image = await app.UploadAsync("del-badkey");
        using var browser = app.Browser();

        using var truncated = await browser.GetAsync($"/{account.PublicKey[..^1]}/{image}?w=100");
        using var cdnHost = new HttpRequestMessage(HttpMethod.Get, $"/pk_short/{image}?w=100");
        cdnHost.Headers.Host = "cdn.example.com"; // a real host name that is nobody's custom domain
        using var onCdn = await browser.SendAsync(cdnHost);

        Assert.Equal(HttpStatusCode.NotFound, truncated.StatusCode);
        var problem = await truncated.ReadProblemAsync();
        Assert.Equal("urn:imageservice:problem:not-found", problem.GetProperty("type").GetString());
        Assert.Equal($"'{account.PublicKey[..^1]}' is not a well-formed public key: pk_ followed by 24 letters and digits (GET /account shows yours).",
            problem.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.NotFound, onCdn.StatusCode);
        Assert.StartsWith("'pk_short' is not a well-formed public key", (await onCdn.ReadProblemAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_transform_parameters_are_a_400_listing_each()
    {
        var account = await app.AccountAsync("del-400");
        var image = await app.UploadAsync("del-400");
        using var browser = app.Browser();

        using var response = await browser.GetAsync($"/{account.PublicKey}/{image}?w=abc&zoom=2");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ReadProblemAsync()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("w", out _));
        Assert.True(errors.TryGetProperty("zoom", out _));
    }

    [Fact]
    public async Task The_default_transform_applies_under_the_urls_own_parameters()
    {
        var account = await app.AccountAsync("del-default");
        var image = await app.UploadAsync("del-default");
        using var owner = app.Client("del-default");
        using var patch = await owner.PatchJsonAsync("/account", """{"defaultTransform": "w=200&f=png"}""");
        using var browser = app.Browser();

        using var defaults = await browser.GetAsync($"/{account.PublicKey}/{image}");
        using var overridden = await browser.GetAsync($"/{account.PublicKey}/{image}?w=100");

        Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        var a = TestImages.Probe(await defaults.Content.ReadAsByteArrayAsync());
        var b = TestImages.Probe(await overridden.Content.ReadAsByteArrayAsync());
        Assert.Equal(("png", 200), (a.Format, a.Width));
        Assert.Equal(("png", 100), (b.Format, b.Width));
    }
}
