using System.Buffers.Binary;
using System.Net;
using ImageService.Api.Testing;
using ImageService.Api.Tests;
using ImageService.Core.Storage;
using ImageService.Storage.Tests.Aws;
using ImageService.Storage.Tests.Contracts;

namespace ImageService.Storage.Tests.Api;

/// <summary>Accounts, keys, delivery and usage through the whole API on the AWS backend (DynamoDB stores,
/// derived results in S3) against the collection's endpoints.</summary>
[Collection(AwsEndpointsDefinition.Name)]
public sealed class AwsDeliveryTests : IDisposable
{
    private readonly AwsEmulatorFixture _fixture;
    private readonly ImageServiceApp _app;

    public AwsDeliveryTests(AwsEmulatorFixture fixture)
    {
        _fixture = fixture;
        _app = fixture.Backend.CreateApp();
    }

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Delivery_renders_once_stores_the_result_in_s3_serves_it_again_and_counts_usage()
    {
        var user = Records.NewOwner();
        using var owner = _app.CreateClient(user);
        var publicKey = (await (await owner.GetAsync(new Uri("/account", UriKind.Relative))).JsonAsync()).GetProperty("publicKey").GetString();
        using var upload = await owner.UploadAsync(TestImages.Png(48, 32));
        var id = (await upload.JsonAsync()).GetProperty("id").GetString();
        using var browser = _app.CreateClient();
        var url = new Uri($"/{publicKey}/{id}?w=24&f=png", UriKind.Relative);

        using var first = await browser.GetAsync(url);
        var firstBytes = await first.Content.ReadAsByteArrayAsync();
        using var second = await browser.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("image/png", first.Content.Headers.ContentType?.MediaType);
        Assert.Equal((24, 16), PngSize(firstBytes));
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(firstBytes, await second.Content.ReadAsByteArrayAsync());
        Assert.Contains(await _fixture.Backend.ObjectKeysContainingAsync(user), key => key.StartsWith(BlobKeys.DerivedOf(user, id!), StringComparison.Ordinal));
        var usage = await WaitForUsageAsync(owner, requests: 2);
        Assert.Equal((2, 1, 1), (usage.GetProperty("requests").GetInt64(), usage.GetProperty("transformations").GetInt64(), usage.GetProperty("cacheHits").GetInt64()));
        Assert.Equal(2L * firstBytes.Length, usage.GetProperty("bytesServed").GetInt64());
    }

    [Fact]
    public async Task A_secret_key_stored_in_dynamodb_authenticates_until_it_is_revoked()
    {
        var user = Records.NewOwner();
        using var owner = _app.CreateClient(user);
        using var created = await owner.PostAsync(new Uri("/account/keys", UriKind.Relative), null);
        var key = await created.JsonAsync();
        using var server = _app.CreateClient();
        server.DefaultRequestHeaders.Add("X-API-Key", key.GetProperty("secret").GetString());

        using var before = await server.GetAsync(new Uri("/account", UriKind.Relative));
        using var revoked = await owner.DeleteAsync(new Uri($"/account/keys/{key.GetProperty("id").GetString()}", UriKind.Relative));
        using var after = await server.GetAsync(new Uri("/account", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(user, (await before.JsonAsync()).GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task Image_paths_custom_domains_and_server_routes_work_on_dynamodb_and_s3()
    {
        using var app = _fixture.Backend.CreateApp(new Dictionary<string, string?> { ["Plans:DefaultPlanId"] = "business" });
        var user = Records.NewOwner();
        var domain = $"img-{Guid.NewGuid():N}.shop.example";
        using var owner = app.CreateClient(user);
        using var claimed = await owner.PatchAsync(new Uri("/account", UriKind.Relative), Json($$"""{"customDomains": ["{{domain}}"]}"""));
        var publicKey = (await claimed.JsonAsync()).GetProperty("publicKey").GetString();
        using var upload = await owner.UploadAsync(TestImages.Png(48, 32));
        var id = (await upload.JsonAsync()).GetProperty("id").GetString();
        using var named = await owner.PatchAsync(new Uri($"/images/{id}", UriKind.Relative), Json("""{"path": "shop/red.png"}"""));
        using var created = await owner.PostAsync(new Uri("/account/keys", UriKind.Relative), null);
        var secret = (await created.JsonAsync()).GetProperty("secret").GetString();
        using var browser = app.CreateClient();
        using var server = app.CreateClient();
        server.DefaultRequestHeaders.Add("X-API-Key", secret);

        using var byPath = await browser.GetAsync(new Uri($"/{publicKey}/shop/red.png?w=24&f=png", UriKind.Relative));
        using var onDomain = await browser.GetAsync(new Uri($"https://{domain}/shop/red.png?w=12&f=png"));
        using var listed = await server.GetAsync(new Uri("/server/images", UriKind.Relative));
        using var deleted = await owner.DeleteAsync(new Uri($"/images/{id}", UriKind.Relative));
        using var afterDelete = await browser.GetAsync(new Uri($"/{publicKey}/shop/red.png?w=24&f=png", UriKind.Relative));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (claimed.StatusCode, named.StatusCode));
        Assert.Equal(HttpStatusCode.OK, byPath.StatusCode);
        Assert.Equal((24, 16), PngSize(await byPath.Content.ReadAsByteArrayAsync()));
        Assert.Equal(HttpStatusCode.OK, onDomain.StatusCode);
        Assert.Equal((12, 8), PngSize(await onDomain.Content.ReadAsByteArrayAsync()));
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        Assert.Equal(id, (await listed.JsonAsync()).GetProperty("items")[0].GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, afterDelete.StatusCode);
    }

    private static StringContent Json(string body) => new(body, System.Text.Encoding.UTF8, "application/json");

    private static (int Width, int Height) PngSize(byte[] png) =>
        (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)));

    /// <summary>Usage is written after each response is sent, so the last request's counts may land a moment later.</summary>
    private static async Task<System.Text.Json.JsonElement> WaitForUsageAsync(HttpClient owner, long requests)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var response = await owner.GetAsync(new Uri("/usage/current", UriKind.Relative));
            var usage = await response.JsonAsync();
            if (usage.GetProperty("requests").GetInt64() >= requests || attempt == 50)
            {
                return usage;
            }
            await Task.Delay(100);
        }
    }
}
