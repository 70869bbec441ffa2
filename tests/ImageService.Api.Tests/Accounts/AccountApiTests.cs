using System.Net;
using System.Net.Http.Json;
using ImageService.Api.Accounts;
using ImageService.Api.Tests.Delivery;

namespace ImageService.Api.Tests.Accounts;

public sealed class AccountApiTests(AccountApiTests.Fixture fixture) : IClassFixture<AccountApiTests.Fixture>
{
    public sealed class Fixture : IDisposable
    {
        public DeliveryTestApp Delivery { get; } = new(new() { ["Delivery:PublicBaseUrl"] = "https://cdn.example.net/" });

        public void Dispose() => Delivery.Dispose();
    }

    private readonly DeliveryTestApp app = fixture.Delivery;

    [Fact]
    public async Task The_first_get_creates_the_account_on_the_default_plan_and_later_gets_return_the_same_one()
    {
        using var client = app.Client("acc-first");

        var first = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => client.GetAsync("/account")));
        var accounts = await Task.WhenAll(first.Select(r => r.Content.ReadFromJsonAsync<AccountResponse>(DeliveryTestApp.Json)));

        Assert.All(first, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Single(accounts.Select(a => a!.PublicKey).Distinct());
        var account = accounts[0]!;
        Assert.Equal(("acc-first", "free", "active", 1L), (account.Id, account.Plan.Id, account.Status, account.Version));
        Assert.StartsWith("pk_", account.PublicKey, StringComparison.Ordinal);
        Assert.Equal("https://cdn.example.net", account.DeliveryBaseUrl);
        Assert.Equal("\"v1\"", first[0].Headers.ETag?.ToString());
    }

    [Fact]
    public async Task Patch_changes_settings_and_a_stale_if_match_is_412()
    {
        var account = await app.AccountAsync("acc-patch");
        using var client = app.Client("acc-patch");

        using var updated = await client.PatchJsonAsync("/account",
            """{"allowedOrigins": ["Shop.Example.com", "*.example.org"], "strictOrigins": true, "defaultTransform": "q=70"}""", ifMatch: "\"v1\"");
        using var stale = await client.PatchJsonAsync("/account", """{"strictOrigins": false}""", ifMatch: "\"v1\"");

        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var body = (await updated.Content.ReadFromJsonAsync<AccountResponse>(DeliveryTestApp.Json))!;
        Assert.Equal(["shop.example.com", "*.example.org"], body.AllowedOrigins);
        Assert.True(body.StrictOrigins);
        Assert.Equal("q=70", body.DefaultTransform);
        Assert.Equal(account.PublicKey, body.PublicKey);
        Assert.Equal("\"v2\"", updated.Headers.ETag?.ToString());
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
    }

    [Fact]
    public async Task Patch_with_null_clears_a_setting_and_an_absent_member_keeps_it()
    {
        await app.AccountAsync("acc-null");
        using var client = app.Client("acc-null");
        using var set = await client.PatchJsonAsync("/account",
            """{"allowedOrigins": ["shop.example.com"], "strictOrigins": true, "defaultTransform": "q=70"}""");
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);

        using var cleared = await client.PatchJsonAsync("/account", """{"defaultTransform": null, "allowedOrigins": null}""");

        Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
        var body = (await cleared.Content.ReadFromJsonAsync<AccountResponse>(DeliveryTestApp.Json))!;
        Assert.Null(body.DefaultTransform);
        Assert.Empty(body.AllowedOrigins);
        Assert.True(body.StrictOrigins); // absent: unchanged

        using var reset = await client.PatchJsonAsync("/account", """{"strictOrigins": null, "requireSignedUrls": null}""");
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        var after = (await reset.Content.ReadFromJsonAsync<AccountResponse>(DeliveryTestApp.Json))!;
        Assert.False(after.StrictOrigins);
        Assert.False(after.RequireSignedUrls);
        Assert.Null(after.DefaultTransform);
    }

    [Fact]
    public async Task Invalid_settings_are_a_400_per_field_and_plan_features_are_a_403_naming_the_feature()
    {
        await app.AccountAsync("acc-invalid");
        using var client = app.Client("acc-invalid");

        using var invalid = await client.PatchJsonAsync("/account",
            """{"allowedOrigins": ["ok.example.com", "https://bad.example.com", "*.com"], "defaultTransform": "w=zero"}""");
        using var denied = await client.PatchJsonAsync("/account", """{"requireSignedUrls": true}""");

        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var errors = (await invalid.ReadProblemAsync()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("allowedOrigins[1]", out _));
        Assert.True(errors.TryGetProperty("allowedOrigins[2]", out _));
        Assert.False(errors.TryGetProperty("allowedOrigins[0]", out _));
        Assert.True(errors.TryGetProperty("defaultTransform.w", out _));
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        var problem = await denied.ReadProblemAsync();
        Assert.Equal("signed-urls", problem.GetProperty("feature").GetString());
        Assert.Equal("urn:imageservice:problem:plan-feature-unavailable", problem.GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_new_key_shows_its_secret_once_and_listings_never_do()
    {
        var created = await app.CreateKeyAsync("acc-keys", "production");
        using var client = app.Client("acc-keys");

        using var list = await client.GetAsync("/account/keys");
        var text = await list.Content.ReadAsStringAsync();

        Assert.StartsWith("sk_", created.Secret, StringComparison.Ordinal);
        Assert.StartsWith(created.Prefix, created.Secret, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.DoesNotContain(created.Secret, text, StringComparison.Ordinal);
        Assert.DoesNotContain(created.Secret[ImageService.Core.Accounts.ApiKeys.DisplayPrefixLength..], text, StringComparison.Ordinal);
        var keys = (await list.Content.ReadFromJsonAsync<IReadOnlyList<KeyResponse>>(DeliveryTestApp.Json))!;
        Assert.Equal(("production", true), (Assert.Single(keys).Name, keys[0].Active));
    }

    [Fact]
    public async Task Revoking_a_key_is_204_then_listed_as_inactive_and_an_unknown_key_is_404()
    {
        var created = await app.CreateKeyAsync("acc-revoke");
        using var client = app.Client("acc-revoke");
        using var other = app.Client("acc-revoke-other");

        using var othersAttempt = await other.DeleteAsync($"/account/keys/{created.Id}");
        using var revoked = await client.DeleteAsync($"/account/keys/{created.Id}");
        using var unknown = await client.DeleteAsync("/account/keys/key_doesnotexist");
        var keys = await client.GetFromJsonAsync<IReadOnlyList<KeyResponse>>("/account/keys", DeliveryTestApp.Json);

        Assert.Equal(HttpStatusCode.NotFound, othersAttempt.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.False(Assert.Single(keys!).Active);
        Assert.NotNull(keys![0].RevokedAt);
    }

    [Fact]
    public async Task An_api_key_authenticates_as_its_account_for_the_account_and_images_apis_until_revoked()
    {
        var account = await app.AccountAsync("acc-s2s");
        var created = await app.CreateKeyAsync("acc-s2s");
        var image = await app.UploadAsync("acc-s2s");
        using var server = app.Browser();
        server.DefaultRequestHeaders.Add("X-API-Key", created.Secret);

        var viaKey = await server.GetFromJsonAsync<AccountResponse>("/account", DeliveryTestApp.Json);
        using var imageViaKey = await server.GetAsync($"/images/{image}");
        using var owner = app.Client("acc-s2s");
        using var revoke = await owner.DeleteAsync($"/account/keys/{created.Id}");
        using var afterRevoke = await server.GetAsync("/account");
        using var wrong = app.Browser();
        wrong.DefaultRequestHeaders.Add("X-API-Key", "sk_" + new string('A', 64));
        using var wrongKey = await wrong.GetAsync("/account");

        Assert.Equal(account.PublicKey, viaKey!.PublicKey);
        Assert.Equal(HttpStatusCode.OK, imageViaKey.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterRevoke.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.StatusCode);
        Assert.Equal("urn:imageservice:problem:unauthorized", (await wrongKey.ReadProblemAsync()).GetProperty("type").GetString());
    }

    [Fact]
    public async Task Server_to_server_callers_get_the_same_api_under_server_with_their_key()
    {
        var account = await app.AccountAsync("acc-prefix");
        var created = await app.CreateKeyAsync("acc-prefix");
        using var server = app.Browser();
        server.DefaultRequestHeaders.Add("X-API-Key", created.Secret);

        using var form = new MultipartFormDataContent { { new ByteArrayContent(TestImages.Jpeg(64, 48)), "file", "photo.jpg" } };
        using var upload = await server.PostAsync("/server/images", form);
        var viaKey = await server.GetFromJsonAsync<AccountResponse>("/server/account", DeliveryTestApp.Json);
        using var list = await server.GetAsync("/server/images");
        using var anonymous = app.Browser();
        using var noKey = await anonymous.GetAsync("/server/images");

        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        Assert.Equal(account.PublicKey, viaKey!.PublicKey);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        var uploaded = await upload.ReadAsync<ImageResponse>();
        Assert.Contains(uploaded.Id, await list.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);
    }

    [Fact]
    public async Task Signed_url_requests_are_checked_and_the_url_uses_the_configured_delivery_origin()
    {
        await app.AccountAsync("acc-sign", plan: "pro");
        var image = await app.UploadAsync("acc-sign");
        using var noKey = await app.SignUrlAsync("acc-sign", image, """{"w": 100}""");
        var key = await app.CreateKeyAsync("acc-sign");

        using var ok = await app.SignUrlAsync("acc-sign", image, """{"w": 100, "f": "webp"}""", expiresInSeconds: 600);
        using var badTransform = await app.SignUrlAsync("acc-sign", image, """{"w": -1, "zoom": 2}""");
        using var notMine = await app.SignUrlAsync("acc-sign", "01ARZ3NDEKTSV4RRFFQ69G5FAV", """{"w": 100}""");

        Assert.Equal(HttpStatusCode.Conflict, noKey.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var signed = (await ok.Content.ReadFromJsonAsync<SignedUrlResponse>(DeliveryTestApp.Json))!;
        Assert.StartsWith("https://cdn.example.net/pk_", signed.Url, StringComparison.Ordinal);
        Assert.Contains($"/{image}?exp=", signed.Url, StringComparison.Ordinal);
        Assert.Contains("&f=webp&", signed.Url, StringComparison.Ordinal);
        Assert.Equal(key.Id, signed.KeyId);
        Assert.Equal(app.Time.GetUtcNow().AddSeconds(600), signed.ExpiresAt);
        Assert.Equal(HttpStatusCode.BadRequest, badTransform.StatusCode);
        var errors = (await badTransform.ReadProblemAsync()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("transform.w", out _));
        Assert.True(errors.TryGetProperty("transform.zoom", out _));
        Assert.Equal(HttpStatusCode.NotFound, notMine.StatusCode);
    }

    [Fact]
    public async Task The_account_api_needs_a_caller()
    {
        using var anonymous = app.Browser();

        using var response = await anonymous.GetAsync("/account");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
