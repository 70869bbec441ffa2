using System.Net;
using ImageService.Api.Images;

namespace ImageService.Api.Tests;

public sealed class ContentTests(ContentTests.Fixture fixture) : IClassFixture<ContentTests.Fixture>
{
    public sealed class Fixture : IAsyncLifetime
    {
        public ImageServiceApp App { get; } = new();
        public ImageResponse Image { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            using var client = App.CreateClient(user: "tess");
            Image = await client.UploadOkAsync(TestImages.Jpeg(800, 500));
        }

        public Task DisposeAsync()
        {
            App.Dispose();
            return Task.CompletedTask;
        }
    }

    private readonly ImageServiceApp app = fixture.App;

    [Fact]
    public async Task A_transform_is_rendered_once_stored_and_then_served_from_storage()
    {
        using var client = app.CreateClient(user: "tess");
        var url = $"{fixture.Image.Links.Content}?w=200&h=100&fit=cover&f=png";

        var before = app.StoredObjects();
        using var first = await client.GetAsync(url);
        var firstBytes = await first.Content.ReadAsByteArrayAsync();
        var derived = Assert.Single(app.StoredObjects().Except(before));
        Assert.StartsWith($"derived/tess/{fixture.Image.Id}/", derived, StringComparison.Ordinal);
        var storedPath = Path.Combine(app.DataDirectory, "blobs", "objects", derived);
        var writtenAt = File.GetLastWriteTimeUtc(storedPath);
        using var second = await client.GetAsync($"{fixture.Image.Links.Content}?f=png&fit=cover&h=100&w=200");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("image/png", first.Content.Headers.ContentType?.MediaType);
        var info = TestImages.Probe(firstBytes);
        Assert.Equal(("png", 200, 100), (info.Format, info.Width, info.Height));
        Assert.Equal(firstBytes, await File.ReadAllBytesAsync(storedPath));
        Assert.Equal(firstBytes, await second.Content.ReadAsByteArrayAsync());
        Assert.Equal(writtenAt, File.GetLastWriteTimeUtc(storedPath));
        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
        Assert.Contains("immutable", first.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(first.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task Auto_format_follows_the_accept_header_and_varies_on_it()
    {
        using var client = app.CreateClient(user: "tess");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{fixture.Image.Links.Content}?w=100&f=auto");
        request.Headers.TryAddWithoutValidation("Accept", "image/webp,image/*");

        using var response = await client.SendAsync(request);

        Assert.Equal("image/webp", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Accept", response.Headers.Vary);
    }

    [Fact]
    public async Task An_if_none_match_with_the_etag_is_304()
    {
        using var client = app.CreateClient(user: "tess");
        var url = $"{fixture.Image.Links.Content}?w=64";
        using var first = await client.GetAsync(url);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);

        using var second = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
    }

    [Fact]
    public async Task Unknown_or_malformed_transform_parameters_are_a_400_listing_each()
    {
        using var client = app.CreateClient(user: "tess");

        using var response = await client.GetAsync($"{fixture.Image.Links.Content}?w=abc&zoom=2");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ReadProblemAsync()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("w", out _));
        Assert.True(errors.TryGetProperty("zoom", out _));
    }

    [Fact]
    public async Task An_id_that_is_not_an_image_id_is_404()
    {
        using var client = app.CreateClient(user: "tess");

        using var response = await client.GetAsync("/images/..%2F..%2Fetc/original");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
