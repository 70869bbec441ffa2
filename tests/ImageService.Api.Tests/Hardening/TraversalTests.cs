using System.Net;
using System.Net.Http.Json;
using ImageService.Api.Accounts;

namespace ImageService.Api.Tests.Hardening;

/// <summary>Traversal through image paths, ids, upload tokens and result links, sent as raw request targets to Kestrel
/// (its own decoding and dot-segment handling included): never an answer with another image or a file of the data
/// directory, never a 5xx.</summary>
public sealed class TraversalTests(TraversalTests.Fixture fixture) : IClassFixture<TraversalTests.Fixture>
{
    public sealed class Fixture : IAsyncLifetime
    {
        // business: 1,000 requests a second, so the many probes never meet the rate limit.
        public ImageServiceApp App { get; } = KestrelApp.Start(new() { ["Plans:DefaultPlanId"] = "business" });

        public string PublicKey { get; private set; } = "";

        public string AliceImage { get; private set; } = "";

        public string BobImage { get; private set; } = "";

        public async Task InitializeAsync()
        {
            using var alice = App.CreateClient(user: "alice");
            using var bob = App.CreateClient(user: "bob");
            PublicKey = (await alice.GetFromJsonAsync<AccountResponse>("/account", DeliveryJson))!.PublicKey;
            using var form = new MultipartFormDataContent { { new ByteArrayContent(TestImages.Jpeg(60, 40)), "file", "shoe.jpg" }, { new StringContent("products/shoe.jpg"), "path" } };
            using var uploaded = await alice.PostAsync("/images", form);
            Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
            AliceImage = (await uploaded.JsonAsync()).GetProperty("id").GetString()!;
            BobImage = (await bob.UploadOkAsync(TestImages.Jpeg(50, 50, seed: 9))).Id;
        }

        public Task DisposeAsync()
        {
            App.Dispose();
            return Task.CompletedTask;
        }

        private static readonly System.Text.Json.JsonSerializerOptions DeliveryJson = Delivery.DeliveryTestApp.Json;
    }

    private readonly ImageServiceApp app = fixture.App;

    public static TheoryData<string> DeliveryTargets => new()
    {
        "/{pk}/..%2F..%2Fmetadata.db",
        "/{pk}/%2e%2e/%2e%2e/metadata.db",
        "/{pk}/%2E%2E%2F%2E%2E%2Fmetadata.db",
        "/{pk}/products%2F..%2F..%2F..%2Fmetadata.db",
        "/{pk}/products/..%2F{bob}",
        "/{pk}/..%2Fbob%2F{bob}",
        "/{pk}/products/shoe.jpg%00.png",
        "/{pk}/products%5Cshoe.jpg",
        "/{pk}/products\\shoe.jpg",
        "/{pk}/..\\..\\metadata.db",
        "/{pk}/%252e%252e%252fmetadata.db",
        "/{pk}/blobs/objects/originals/bob/{bob}",
        "/{pk}/{bob}",
        "/..%2F..%2Fmetadata.db",
        "/%2e%2e/%2e%2e/etc/passwd",
    };

    public static TheoryData<string> ManagementTargets => new()
    {
        "/images/..%2F{bob}",
        "/images/%2e%2e/{bob}",
        "/images/{alice}%2F..%2F{bob}",
        "/images/{alice}%00",
        "/images/..%5C{bob}",
        "/images/{bob}/original",
        "/images/{alice}/content/..%2F..%2F..%2Fmetadata.db",
        "/uploads/..%2F..%2Fmetadata.db",
        "/uploads/%2e%2e%2f%2e%2e%2faccounts.db",
        "/delivery-results/..%2F..%2Fmetadata.db",
        "/delivery-results/%2e%2e%2f%2e%2e%2fupload-signing.key",
    };

    [Theory]
    [MemberData(nameof(DeliveryTargets))]
    public async Task Delivery_paths_that_try_to_leave_the_account_or_the_store_are_refused(string target)
    {
        var response = await RawHttp.SendAsync(app.Address(), "GET", Expand(target));

        AssertRefused(response, target);
    }

    [Theory]
    [MemberData(nameof(ManagementTargets))]
    public async Task Management_paths_that_try_to_reach_another_image_or_a_file_are_refused(string target)
    {
        var response = await RawHttp.SendAsync(app.Address(), "GET", Expand(target),
            $"Authorization: Bearer {Auth.DevelopmentTokens.Create(ImageServiceApp.Auth, "alice")}\r\n");

        AssertRefused(response, target);
    }

    [Fact]
    public async Task The_legitimate_path_and_id_still_deliver()
    {
        var byPath = await RawHttp.SendAsync(app.Address(), "GET", Expand("/{pk}/products/shoe.jpg?w=20"));
        var byId = await RawHttp.SendAsync(app.Address(), "GET", Expand("/{pk}/{alice}?w=20"));

        Assert.Equal(200, byPath.Status);
        Assert.Equal(200, byId.Status);
    }

    [Theory]
    [InlineData("../shoe.jpg")]
    [InlineData("products/../../x.jpg")]
    [InlineData("products/./x.jpg")]
    [InlineData("products%2Fx.jpg")]
    [InlineData("products\\x.jpg")]
    [InlineData("products/x.jpg\0")]
    [InlineData("/etc/passwd")]
    [InlineData("products//x.jpg")]
    public async Task An_image_path_with_traversal_or_separators_is_a_400_on_the_path_field(string path)
    {
        using var client = app.CreateClient(user: "carol");
        using var form = new MultipartFormDataContent { { new ByteArrayContent(TestImages.Jpeg(20, 20)), "file", "x.jpg" }, { new StringContent(path), "path" } };

        using var response = await client.PostAsync("/images", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadProblemAsync()).GetProperty("errors").TryGetProperty("path", out _));
        Assert.DoesNotContain(app.StoredObjects(), o => o.Contains("carol", StringComparison.Ordinal));
    }

    private string Expand(string target) =>
        target.Replace("{pk}", fixture.PublicKey, StringComparison.Ordinal)
            .Replace("{alice}", fixture.AliceImage, StringComparison.Ordinal)
            .Replace("{bob}", fixture.BobImage, StringComparison.Ordinal);

    private static void AssertRefused(RawResponse response, string target)
    {
        Assert.True(response.Status is 400 or 404, $"{target} -> {response.Status}\n{response.Head}");
        Assert.DoesNotContain("SQLite format", response.Body, StringComparison.Ordinal);
    }
}
