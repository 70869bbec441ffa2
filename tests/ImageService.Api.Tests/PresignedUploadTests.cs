using System.Net;
using System.Net.Http.Json;
using ImageService.Api.Images;

namespace ImageService.Api.Tests;

public sealed class PresignedUploadTests(PresignedUploadTests.Fixture fixture) : IClassFixture<PresignedUploadTests.Fixture>
{
    public sealed class Fixture : IDisposable
    {
        public ImageServiceApp App { get; } = new(new() { ["Uploads:InlineMaxBytes"] = "20000" });
        public void Dispose() => App.Dispose();
    }

    private readonly ImageServiceApp app = fixture.App;

    private static async Task<PresignedUploadResponse> StartAsync(HttpClient client, CreateUploadRequest? body = null)
    {
        using var response = body is null
            ? await client.PostAsync("/images/uploads", null)
            : await client.PostAsync("/images/uploads", JsonContent.Create(body, ApiJsonContext.Default.CreateUploadRequest));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.ReadAsync<PresignedUploadResponse>();
    }

    /// <summary>Sends the file the way a client would: to the returned URL, without a bearer token (the signed URL is
    /// the credential).</summary>
    private async Task<HttpResponseMessage> SendFileAsync(PresignedUploadResponse upload, byte[] bytes)
    {
        using var anonymous = app.CreateClient();
        var content = new ByteArrayContent(bytes);
        foreach (var (name, value) in upload.Headers)
        {
            content.Headers.TryAddWithoutValidation(name, value);
        }
        using var request = new HttpRequestMessage(new HttpMethod(upload.Method), upload.Url) { Content = content };
        return await anonymous.SendAsync(request);
    }

    [Fact]
    public async Task A_file_above_the_inline_limit_goes_through_presign_put_and_complete()
    {
        using var client = app.CreateClient(user: "lena");
        var large = TestImages.Jpeg(900, 700);
        Assert.True(large.Length > 20000);
        using var inline = await client.UploadAsync(large);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, inline.StatusCode);

        var upload = await StartAsync(client, new CreateUploadRequest { Title = "Big", Tags = ["large"] });
        Assert.Equal("PUT", upload.Method);
        Assert.StartsWith("http://localhost/uploads/", upload.Url, StringComparison.Ordinal);
        Assert.True(upload.ExpiresAt > DateTimeOffset.UtcNow);
        Assert.Equal(10 * 1024 * 1024, upload.MaxBytes);
        using var pendingGet = await client.GetAsync($"/images/{upload.ImageId}");
        Assert.Equal(HttpStatusCode.NotFound, pendingGet.StatusCode);
        Assert.Empty((await (await client.GetAsync("/images")).ReadAsync<ImageListResponse>()).Items);

        using var put = await SendFileAsync(upload, large);
        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        using var complete = await client.PostAsync(upload.Complete, null);

        Assert.Equal(HttpStatusCode.OK, complete.StatusCode);
        var image = await complete.ReadAsync<ImageResponse>();
        Assert.Equal((upload.ImageId, "Big", "ready", 900, 700), (image.Id, image.Title, image.Status, image.Width, image.Height));
        Assert.Equal(large, await client.GetByteArrayAsync(image.Links.Original));
        Assert.Equal(image.Id, Assert.Single((await (await client.GetAsync("/images")).ReadAsync<ImageListResponse>()).Items).Id);
        Assert.DoesNotContain(app.StoredObjects(), k => k.StartsWith("uploads/", StringComparison.Ordinal) && k.Contains(image.Id, StringComparison.Ordinal));
        using var again = await client.PostAsync(upload.Complete, null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task A_rejected_file_deletes_the_upload_and_the_pending_record()
    {
        using var client = app.CreateClient(user: "rita");
        var upload = await StartAsync(client);
        (await SendFileAsync(upload, TestImages.Pdf)).Dispose();

        using var complete = await client.PostAsync(upload.Complete, null);
        using var retry = await client.PostAsync(upload.Complete, null);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, complete.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, retry.StatusCode);
        Assert.Null(await app.Metadata.GetAsync("rita", upload.ImageId));
        Assert.DoesNotContain(app.StoredObjects(), k => k.Contains(upload.ImageId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Complete_before_the_file_arrives_is_409_and_the_upload_stays_usable()
    {
        using var client = app.CreateClient(user: "eager");
        var upload = await StartAsync(client);

        using var early = await client.PostAsync(upload.Complete, null);
        (await SendFileAsync(upload, TestImages.Jpeg(50, 50))).Dispose();
        using var complete = await client.PostAsync(upload.Complete, null);

        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Equal("urn:imageservice:problem:upload-missing", (await early.ReadProblemAsync()).GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.OK, complete.StatusCode);
    }

    [Fact]
    public async Task Two_simultaneous_completes_leave_one_intact_image()
    {
        using var client = app.CreateClient(user: "twice");
        var upload = await StartAsync(client);
        var file = TestImages.Jpeg(300, 200);
        (await SendFileAsync(upload, file)).Dispose();

        var responses = await Task.WhenAll(client.PostAsync(upload.Complete, null), client.PostAsync(upload.Complete, null));

        Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, r.StatusCode.ToString()));
        Assert.Equal(file, await client.GetByteArrayAsync($"/images/{upload.ImageId}/original"));
        using var thumbnail = await client.GetAsync($"/images/{upload.ImageId}/thumbnail");
        Assert.Equal(HttpStatusCode.OK, thumbnail.StatusCode);
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task An_edited_upload_url_is_refused_and_nothing_is_stored()
    {
        using var client = app.CreateClient(user: "tamper");
        var upload = await StartAsync(client);
        var edited = upload with { Url = upload.Url[..^3] + (upload.Url[^3] == 'A' ? "B" : "A") + upload.Url[^2..] };

        using var put = await SendFileAsync(edited, TestImages.Jpeg(20, 20));

        Assert.Equal(HttpStatusCode.Forbidden, put.StatusCode);
        Assert.DoesNotContain(app.StoredObjects(), k => k.Contains(upload.ImageId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Presign_validates_the_metadata()
    {
        using var client = app.CreateClient(user: "lena");
        using var response = await client.PostAsync("/images/uploads", JsonContent.Create(new CreateUploadRequest { AlbumId = "no spaces" }, ApiJsonContext.Default.CreateUploadRequest));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadProblemAsync()).GetProperty("errors").TryGetProperty("albumId", out _));
    }
}
