using System.Buffers.Binary;
using System.Net;
using ImageService.Api.Tests;
using ImageService.Core.Storage;
using ImageService.Storage.Tests.Aws;
using ImageService.Storage.Tests.Contracts;

namespace ImageService.Storage.Tests.Api;

/// <summary>Accounts, keys, delivery and usage through the whole API with Storage:Backend=Aws (DynamoDB stores,
/// derived results in S3) against the collection's endpoints.</summary>
[Collection(AwsEndpointsDefinition.Name)]
public sealed class AwsDeliveryTests : IDisposable
{
    private readonly AwsEmulatorFixture _fixture;
    private readonly AwsApiApp _app;

    public AwsDeliveryTests(AwsEmulatorFixture fixture)
    {
        _fixture = fixture;
        _app = new AwsApiApp(fixture.Backend);
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
