using System.Net;
using System.Net.Http.Json;
using ImageService.Api.Images;

namespace ImageService.Api.Tests.Delivery;

/// <summary>Delivery by the image's own path, <c>/{publicKey}/products/red-shoe.jpg</c>, set at upload or by PATCH.</summary>
public sealed class ImagePathTests(ImagePathTests.Fixture fixture) : IClassFixture<ImagePathTests.Fixture>
{
    public sealed class Fixture : IDisposable
    {
        public DeliveryTestApp Delivery { get; } = new();

        public void Dispose() => Delivery.Dispose();
    }

    private readonly DeliveryTestApp app = fixture.Delivery;

    [Fact]
    public async Task An_image_uploaded_with_a_path_is_delivered_by_it_and_by_its_id()
    {
        var account = await app.AccountAsync("path-serve");
        using var client = app.Client("path-serve");

        using var upload = await client.PostAsync("/images", Form("products/red-shoe.jpg"));
        var image = await upload.ReadAsync<ImageResponse>();
        using var browser = app.Browser();
        using var byPath = await browser.GetAsync($"/{account.PublicKey}/products/red-shoe.jpg?w=100&f=png");
        using var byId = await browser.GetAsync($"/{account.PublicKey}/{image.Id}?w=100&f=png");
        using var wrongCase = await browser.GetAsync($"/{account.PublicKey}/products/Red-Shoe.jpg?w=100");
        var other = await app.AccountAsync("path-other");
        using var otherAccount = await browser.GetAsync($"/{other.PublicKey}/products/red-shoe.jpg?w=100");

        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        Assert.Equal("products/red-shoe.jpg", image.Path);
        Assert.Equal(HttpStatusCode.OK, byPath.StatusCode);
        Assert.Equal(("png", 100, 62), TestImages.Shape(await byPath.Content.ReadAsByteArrayAsync()));
        Assert.Equal(await byId.Content.ReadAsByteArrayAsync(), await byPath.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotFound, wrongCase.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherAccount.StatusCode);
    }

    [Fact]
    public async Task A_taken_path_is_409_a_bad_one_400_and_neither_stores_anything()
    {
        await app.AccountAsync("path-conflict");
        using var client = app.Client("path-conflict");
        using var first = await client.PostAsync("/images", Form("hero.jpg"));
        var firstId = (await first.ReadAsync<ImageResponse>()).Id;

        using var taken = await client.PostAsync("/images", Form("hero.jpg"));
        using var bad = await client.PostAsync("/images", Form("../escape.jpg"));
        using var idLike = await client.PostAsync("/images", Form(firstId));
        using var presignedTaken = await client.PostAsJsonAsync("/images/uploads", new CreateUploadRequest { Path = "hero.jpg" }, ApiClientExtensions.Json);
        var list = await client.GetFromJsonAsync<ImageListResponse>("/images", ApiClientExtensions.Json);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        Assert.Contains(firstId, (await taken.ReadProblemAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await bad.ReadProblemAsync()).GetProperty("errors").TryGetProperty("path", out _));
        Assert.Equal(HttpStatusCode.BadRequest, idLike.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, presignedTaken.StatusCode);
        Assert.Single(list!.Items);
    }

    [Fact]
    public async Task An_unfinished_presigned_upload_holds_its_path_until_deleted()
    {
        await app.AccountAsync("path-pending");
        using var client = app.Client("path-pending");
        using var started = await client.PostAsJsonAsync("/images/uploads", new CreateUploadRequest { Path = "pending.jpg" }, ApiClientExtensions.Json);
        var pending = await started.ReadAsync<PresignedUploadResponse>();

        using var blocked = await client.PostAsync("/images", Form("pending.jpg"));
        using var deleted = await client.DeleteAsync($"/images/{pending.ImageId}");
        using var afterDelete = await client.PostAsync("/images", Form("pending.jpg"));

        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, blocked.StatusCode);
        Assert.Contains($"DELETE /images/{pending.ImageId}", (await blocked.ReadProblemAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.Created, afterDelete.StatusCode);
    }

    [Fact]
    public async Task Patching_the_path_moves_delivery_to_the_new_one_and_null_clears_it()
    {
        var account = await app.AccountAsync("path-patch");
        var id = await app.UploadAsync("path-patch");
        using var client = app.Client("path-patch");
        using var browser = app.Browser();

        using var set = await client.PatchJsonAsync($"/images/{id}", """{"path": "a/b.jpg"}""");
        using var servedAtNew = await browser.GetAsync($"/{account.PublicKey}/a/b.jpg?w=50");
        using var moved = await client.PatchJsonAsync($"/images/{id}", """{"path": "c.jpg"}""");
        using var oldPath = await browser.GetAsync($"/{account.PublicKey}/a/b.jpg?w=50");
        using var cleared = await client.PatchJsonAsync($"/images/{id}", """{"path": null}""");
        using var afterClear = await browser.GetAsync($"/{account.PublicKey}/c.jpg?w=50");

        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal(HttpStatusCode.OK, servedAtNew.StatusCode);
        Assert.Equal("c.jpg", (await moved.ReadAsync<ImageResponse>()).Path);
        Assert.Equal(HttpStatusCode.NotFound, oldPath.StatusCode);
        Assert.Null((await cleared.ReadAsync<ImageResponse>()).Path);
        Assert.Equal(HttpStatusCode.NotFound, afterClear.StatusCode);
    }

    [Fact]
    public async Task A_signed_url_can_name_the_image_by_its_path()
    {
        var account = await app.AccountAsync("path-signed", plan: "pro");
        await app.CreateKeyAsync("path-signed");
        using var client = app.Client("path-signed");
        using (var upload = await client.PostAsync("/images", Form("shop/shoe.jpg")))
        {
            Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        }

        var url = await app.SignedUrlAsync("path-signed", "shop/shoe.jpg", """{"w": 80}""");
        using var browser = app.Browser();
        using var valid = await browser.GetAsync(url);
        using var tampered = await browser.GetAsync(url.Replace("w=80", "w=81", StringComparison.Ordinal));

        Assert.Contains($"/{account.PublicKey}/shop/shoe.jpg?", url, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, valid.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, tampered.StatusCode);
    }

    private static MultipartFormDataContent Form(string path) => new()
    {
        { new ByteArrayContent(TestImages.Jpeg(800, 500)), "file", "photo.jpg" },
        { new StringContent(path), "path" },
    };
}
