using System.Net;
using ImageService.Api.Images;

namespace ImageService.Api.Tests;

public sealed class CatalogTests(CatalogTests.Fixture fixture) : IClassFixture<CatalogTests.Fixture>
{
    public sealed class Fixture : IDisposable
    {
        public ImageServiceApp App { get; } = new();
        public byte[] Jpeg { get; } = TestImages.Jpeg(120, 80);
        public void Dispose() => App.Dispose();
    }

    private readonly ImageServiceApp app = fixture.App;

    [Fact]
    public async Task Get_returns_the_metadata_with_its_version_etag_and_304_when_unchanged()
    {
        using var client = app.CreateClient(user: "gina");
        var image = await client.UploadOkAsync(fixture.Jpeg, title: "One");

        using var response = await client.GetAsync($"/images/{image.Id}");
        using var conditional = new HttpRequestMessage(HttpMethod.Get, $"/images/{image.Id}");
        conditional.Headers.TryAddWithoutValidation("If-None-Match", "\"v1\"");
        using var notModified = await client.SendAsync(conditional);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"v1\"", response.Headers.ETag?.ToString());
        Assert.Equal("One", (await response.ReadAsync<ImageResponse>()).Title);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
    }

    [Fact]
    public async Task Patch_changes_only_the_given_fields_clears_nulls_and_bumps_the_etag()
    {
        using var client = app.CreateClient(user: "pat");
        var image = await client.UploadOkAsync(fixture.Jpeg, title: "Old", albumId: "a1", tags: "x,y");

        using var response = await client.PatchJsonAsync($"/images/{image.Id}", """{"title":"New","albumId":null,"tags":["z"]}""", ifMatch: "\"v1\"");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var updated = await response.ReadAsync<ImageResponse>();
        Assert.Equal(("New", (string?)null, 2L), (updated.Title, updated.AlbumId, updated.Version));
        Assert.Equal(["z"], updated.Tags);
        Assert.Equal("\"v2\"", response.Headers.ETag?.ToString());
        var fetched = await (await client.GetAsync($"/images/{image.Id}")).ReadAsync<ImageResponse>();
        Assert.Equal(("New", (string?)null), (fetched.Title, fetched.AlbumId));
    }

    [Fact]
    public async Task Patch_with_a_stale_etag_is_412_and_changes_nothing()
    {
        using var client = app.CreateClient(user: "pat2");
        var image = await client.UploadOkAsync(fixture.Jpeg, title: "Keep");
        (await client.PatchJsonAsync($"/images/{image.Id}", """{"description":"d"}""", "\"v1\"")).Dispose();

        using var stale = await client.PatchJsonAsync($"/images/{image.Id}", """{"title":"Lost"}""", "\"v1\"");

        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal("urn:imageservice:problem:precondition-failed", (await stale.ReadProblemAsync()).GetProperty("type").GetString());
        Assert.Equal("Keep", (await (await client.GetAsync($"/images/{image.Id}")).ReadAsync<ImageResponse>()).Title);
    }

    [Fact]
    public async Task Concurrent_patches_with_the_same_etag_let_exactly_one_win()
    {
        using var client = app.CreateClient(user: "racer");
        var image = await client.UploadOkAsync(fixture.Jpeg);

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            client.PatchJsonAsync($"/images/{image.Id}", $$"""{"title":"writer {{i}}"}""", "\"v1\"")));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.Equal(7, responses.Count(r => r.StatusCode == HttpStatusCode.PreconditionFailed));
        var final = await (await client.GetAsync($"/images/{image.Id}")).ReadAsync<ImageResponse>();
        Assert.Equal(2, final.Version);
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task Patch_validates_each_field()
    {
        using var client = app.CreateClient(user: "pat3");
        var image = await client.UploadOkAsync(fixture.Jpeg);
        var tooMany = string.Join(',', Enumerable.Range(0, 21).Select(i => $"\"t{i}\""));

        using var response = await client.PatchJsonAsync($"/images/{image.Id}", $$"""{"tags":[{{tooMany}}],"albumId":"a/b"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ReadProblemAsync()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("tags", out _));
        Assert.True(errors.TryGetProperty("albumId", out _));
    }

    [Fact]
    public async Task Malformed_json_is_a_400_problem()
    {
        using var client = app.CreateClient(user: "pat4");
        var image = await client.UploadOkAsync(fixture.Jpeg);

        using var response = await client.PatchJsonAsync($"/images/{image.Id}", "{\"title\":");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("urn:imageservice:problem:validation", (await response.ReadProblemAsync()).GetProperty("type").GetString());
    }

    [Fact]
    public async Task Delete_removes_every_stored_object_then_the_image_is_404()
    {
        using var client = app.CreateClient(user: "dora");
        var image = await client.UploadOkAsync(fixture.Jpeg);
        (await client.GetAsync($"{image.Links.Content}?w=50&f=png")).Dispose();
        Assert.Contains(app.StoredObjects(), k => k.Contains(image.Id, StringComparison.Ordinal) && k.StartsWith("derived/", StringComparison.Ordinal));

        using var deleted = await client.DeleteAsync($"/images/{image.Id}");
        using var again = await client.GetAsync($"/images/{image.Id}");
        using var deletedAgain = await client.DeleteAsync($"/images/{image.Id}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, deletedAgain.StatusCode);
        Assert.DoesNotContain(app.StoredObjects(), k => k.Contains(image.Id, StringComparison.Ordinal));
    }

    [Fact]
    public async Task List_rejects_a_limit_outside_1_to_100_and_an_edited_cursor()
    {
        using var client = app.CreateClient(user: "lister");

        using var zero = await client.GetAsync("/images?limit=0");
        using var tooMany = await client.GetAsync("/images?limit=101");
        using var garbage = await client.GetAsync("/images?cursor=abc.def");

        Assert.Equal(HttpStatusCode.BadRequest, zero.StatusCode);
        Assert.True((await zero.ReadProblemAsync()).GetProperty("errors").TryGetProperty("limit", out _));
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, garbage.StatusCode);
        Assert.True((await garbage.ReadProblemAsync()).GetProperty("errors").TryGetProperty("cursor", out _));
    }
}
