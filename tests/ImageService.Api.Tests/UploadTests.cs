using System.Net;
using System.Security.Cryptography;
using ImageService.Api.Images;

namespace ImageService.Api.Tests;

public sealed class UploadTests(UploadTests.Fixture fixture) : IClassFixture<UploadTests.Fixture>
{
    public sealed class Fixture : IDisposable
    {
        public ImageServiceApp App { get; } = new();
        public byte[] Jpeg { get; } = TestImages.Jpeg(640, 400);
        public void Dispose() => App.Dispose();
    }

    private readonly ImageServiceApp app = fixture.App;

    [Fact]
    public async Task Upload_answers_201_with_location_etag_metadata_and_rendition_links()
    {
        using var client = app.CreateClient(user: "alice");
        using var response = await client.UploadAsync(fixture.Jpeg, title: " Beach ", albumId: "summer-2026", tags: "sea, sand,sea", description: "Day one");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var image = await response.ReadAsync<ImageResponse>();
        Assert.Equal($"/images/{image.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal("\"v1\"", response.Headers.ETag?.ToString());
        Assert.Equal(26, image.Id.Length);
        Assert.Equal(("jpeg", 640, 400, "ready"), (image.Format, image.Width, image.Height, image.Status));
        Assert.Equal(("Beach", "Day one", "summer-2026"), (image.Title, image.Description, image.AlbumId));
        Assert.Equal(["sea", "sand"], image.Tags);
        Assert.Equal(fixture.Jpeg.Length, image.Bytes);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(fixture.Jpeg)), image.Sha256);
        Assert.Equal(1, image.Version);
        Assert.Equal($"/images/{image.Id}/thumbnail", image.Links.Thumbnail);
    }

    [Fact]
    public async Task Original_is_served_back_byte_for_byte_with_its_type_nosniff_etag_and_cache_control()
    {
        using var client = app.CreateClient(user: "alice");
        var image = await client.UploadOkAsync(fixture.Jpeg);

        using var response = await client.GetAsync(image.Links.Original);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(fixture.Jpeg, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("image/jpeg", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal($"\"{image.Sha256}\"", response.Headers.ETag?.ToString());
        Assert.Contains("immutable", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Display_and_thumbnail_are_webp_renditions_no_larger_than_their_limits()
    {
        using var client = app.CreateClient(user: "alice");
        var image = await client.UploadOkAsync(TestImages.Jpeg(2200, 1100));

        using var display = await client.GetAsync(image.Links.Display);
        using var thumbnail = await client.GetAsync(image.Links.Thumbnail);

        Assert.Equal("image/webp", display.Content.Headers.ContentType?.MediaType);
        Assert.Equal("image/webp", thumbnail.Content.Headers.ContentType?.MediaType);
        var displayInfo = TestImages.Probe(await display.Content.ReadAsByteArrayAsync());
        var thumbnailInfo = TestImages.Probe(await thumbnail.Content.ReadAsByteArrayAsync());
        Assert.Equal(("webp", 2048, 1024), (displayInfo.Format, displayInfo.Width, displayInfo.Height));
        Assert.Equal(("webp", 400, 200), (thumbnailInfo.Format, thumbnailInfo.Width, thumbnailInfo.Height));
    }

    [Fact]
    public async Task A_repeated_request_with_the_etag_answers_304_without_a_body()
    {
        using var client = app.CreateClient(user: "alice");
        var image = await client.UploadOkAsync(fixture.Jpeg);
        using var first = await client.GetAsync(image.Links.Thumbnail);

        using var request = new HttpRequestMessage(HttpMethod.Get, image.Links.Thumbnail);
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var second = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Empty(await second.Content.ReadAsByteArrayAsync());
        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
    }

    public static TheoryData<string, byte[], string, int, string> BadInputs() => new()
    {
        { "zero bytes", [], "photo.jpg", 400, "urn:imageservice:problem:validation" },
        { "random bytes", TestImages.RandomBytes(4096), "photo.jpg", 415, "urn:imageservice:problem:unsupported-media-type" },
        { "truncated JPEG", TestImages.Jpeg(800, 600)[..2000], "photo.jpg", 422, "urn:imageservice:problem:unprocessable-image" },
        { "PDF named .jpg", TestImages.Pdf, "photo.jpg", 415, "urn:imageservice:problem:unsupported-media-type" },
        { "SVG", TestImages.Svg, "drawing.svg", 415, "urn:imageservice:problem:unsupported-media-type" },
        { "20000x20000 PNG header", TestImages.PngHeaderOnly(20000, 20000), "huge.png", 422, "urn:imageservice:problem:unprocessable-image" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Each_bad_input_gets_its_documented_status_and_leaves_nothing_stored(string name, byte[] file, string fileName, int status, string type)
    {
        using var client = app.CreateClient(user: "mallory-" + name.Replace(' ', '-'));
        using var response = await client.UploadAsync(file, fileName);

        Assert.Equal(status, (int)response.StatusCode);
        var problem = await response.ReadProblemAsync();
        Assert.Equal(type, problem.GetProperty("type").GetString());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));
        Assert.DoesNotContain(app.StoredObjects(), k => k.Contains("mallory-" + name.Replace(' ', '-'), StringComparison.Ordinal));
        using var list = await client.GetAsync("/images");
        Assert.Empty((await list.ReadAsync<ImageListResponse>()).Items);
    }

    [Fact]
    public async Task A_request_without_a_file_field_lists_the_field_error()
    {
        using var client = app.CreateClient(user: "alice");
        using var form = new MultipartFormDataContent { { new StringContent("t"), "title" } };

        using var response = await client.PostAsync("/images", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadProblemAsync();
        Assert.True(problem.GetProperty("errors").TryGetProperty("file", out _));
    }

    [Fact]
    public async Task Invalid_metadata_fields_are_each_reported()
    {
        using var client = app.CreateClient(user: "alice");
        var tags = string.Join(',', Enumerable.Range(0, 21).Select(i => $"t{i}"));

        using var response = await client.UploadAsync(fixture.Jpeg, title: new string('x', 201), albumId: "../etc", tags: tags);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ReadProblemAsync()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("title", out _));
        Assert.True(errors.TryGetProperty("albumId", out _));
        Assert.True(errors.TryGetProperty("tags", out _));
    }
}
