using System.Net;
using System.Text;
using ImageService.Api.Testing;
using ImageService.Api.Tests;
using ImageService.Core.Storage;
using ImageService.Core.Variants;
using ImageService.Storage.Tests.Aws;
using ImageService.Storage.Tests.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace ImageService.Storage.Tests.Api;

/// <summary>Named variants through the whole API on the AWS backend: variants in DynamoDB, their results in S3.</summary>
[Collection(AwsEndpointsDefinition.Name)]
public sealed class AwsVariantTests : IDisposable
{
    private const string Card = """{"transform": {"w": 24, "h": 24, "fit": "cover", "f": "png"}, "eager": true}""";

    private readonly AwsEmulatorFixture _fixture;
    private readonly ImageServiceApp _app;

    public AwsVariantTests(AwsEmulatorFixture fixture)
    {
        _fixture = fixture;
        _app = fixture.Backend.CreateApp();
    }

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task The_renderer_stores_in_s3_what_the_first_variant_delivery_then_serves_as_a_hit()
    {
        var (user, owner, publicKey, id) = await OwnerWithImageAsync();
        using var put = await PutAsync(owner, "card", Card);
        var renderer = _app.Services.GetRequiredService<IVariantRenderer>();

        var first = await renderer.RenderAsync(user, id, "card", CancellationToken.None);
        var again = await renderer.RenderAsync(user, id, "card", CancellationToken.None);
        using var browser = _app.CreateClient();
        using var delivered = await browser.GetAsync(new Uri($"/{publicKey}/{id}?variant=card", UriKind.Relative));
        var usage = await WaitForUsageAsync(owner, requests: 1);

        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.Equal((VariantRenderOutcome.Rendered, VariantRenderOutcome.AlreadyPresent), (first, again));
        Assert.Equal(HttpStatusCode.OK, delivered.StatusCode);
        Assert.Equal(("png", 24, 24), TestImages.Shape(await delivered.Content.ReadAsByteArrayAsync()));
        Assert.Single(await DerivedKeysAsync(user, id));
        Assert.Equal((1, 1, 1), (usage.GetProperty("requests").GetInt64(), usage.GetProperty("transformations").GetInt64(), usage.GetProperty("cacheHits").GetInt64()));
    }

    [Fact]
    public async Task Changing_a_variant_removes_its_result_from_s3_and_variants_only_accounts_refuse_other_urls()
    {
        var (user, owner, publicKey, id) = await OwnerWithImageAsync();
        using var put = await PutAsync(owner, "card", Card);
        using var browser = _app.CreateClient();
        using var first = await browser.GetAsync(new Uri($"/{publicKey}/{id}?variant=card", UriKind.Relative));
        var before = await DerivedKeysAsync(user, id);

        using var changed = await PutAsync(owner, "card", """{"transform": {"w": 12, "f": "png"}}""");
        var after = await DerivedKeysAsync(user, id);
        using var patch = await owner.PatchJsonAsync("/account", """{"allowArbitraryTransforms": false}""");
        using var arbitrary = await browser.GetAsync(new Uri($"/{publicKey}/{id}?w=10", UriKind.Relative));
        using var variant = await browser.GetAsync(new Uri($"/{publicKey}/{id}?variant=card", UriKind.Relative));
        using var list = await owner.GetAsync(new Uri("/account/variants", UriKind.Relative));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, changed.StatusCode));
        Assert.Single(before);
        Assert.Empty(after);
        Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, arbitrary.StatusCode);
        Assert.Equal("urn:imageservice:problem:variant-required", (await arbitrary.ReadProblemAsync()).GetProperty("type").GetString());
        Assert.Equal(("png", 12, 12), TestImages.Shape(await variant.Content.ReadAsByteArrayAsync()));
        Assert.Equal("f=png&w=12", (await list.JsonAsync()).GetProperty("items")[0].GetProperty("query").GetString());
    }

    private async Task<(string User, HttpClient Owner, string PublicKey, string Id)> OwnerWithImageAsync()
    {
        var user = Records.NewOwner();
        var owner = _app.CreateClient(user);
        using var account = await owner.GetAsync(new Uri("/account", UriKind.Relative));
        var publicKey = (await account.JsonAsync()).GetProperty("publicKey").GetString()!;
        using var upload = await owner.UploadAsync(TestImages.Png(48, 48));
        return (user, owner, publicKey, (await upload.JsonAsync()).GetProperty("id").GetString()!);
    }

    private static Task<HttpResponseMessage> PutAsync(HttpClient owner, string name, string json) =>
        owner.PutAsync(new Uri($"/account/variants/{name}", UriKind.Relative), new StringContent(json, Encoding.UTF8, "application/json"));

    private async Task<List<string>> DerivedKeysAsync(string user, string id) =>
        (await _fixture.Backend.ObjectKeysContainingAsync(user)).Where(k => k.StartsWith(BlobKeys.DerivedOf(user, id), StringComparison.Ordinal)).ToList();

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
