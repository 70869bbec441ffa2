using System.Net;
using ImageService.Api.Testing;
using ImageService.Api.Tests;
using ImageService.Core.Storage;
using ImageService.Storage.Tests.Aws;
using ImageService.Storage.Tests.Contracts;

namespace ImageService.Storage.Tests.Api;

/// <summary>The whole API on the AWS backend against the collection's endpoints (emulators or LocalStack).</summary>
[Collection(AwsEndpointsDefinition.Name)]
public sealed class AwsApiTests : IDisposable
{
    private readonly AwsEmulatorFixture _fixture;
    private readonly ImageServiceApp _app;

    public AwsApiTests(AwsEmulatorFixture fixture)
    {
        _fixture = fixture;
        _app = fixture.Backend.CreateApp(new Dictionary<string, string?> { ["Uploads:InlineMaxBytes"] = "20000" });
    }

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Uploaded_image_is_listed_served_from_s3_and_gone_after_delete()
    {
        var user = Records.NewOwner();
        using var client = _app.CreateClient(user);
        var png = TestImages.Png(48, 32);

        using var upload = await client.UploadAsync(png, title: "Harbour");

        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        var id = (await upload.JsonAsync()).GetProperty("id").GetString()!;
        Assert.Equal([id], await client.ListedIdsAsync());
        Assert.Equal(png, await client.GetByteArrayAsync(new Uri($"/images/{id}/original", UriKind.Relative)));
        Assert.Contains(BlobKeys.Thumbnail(user, id), await _fixture.Backend.ObjectKeysContainingAsync(user));

        using var delete = await client.DeleteAsync(new Uri($"/images/{id}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Empty(await client.ListedIdsAsync());
        Assert.Empty(await _fixture.Backend.ObjectKeysContainingAsync(user));
        Assert.Empty(await _fixture.Backend.MetadataIdsOfOwnerAsync(user));
    }

    [Fact]
    public async Task Large_file_goes_straight_to_s3_with_the_presigned_post_and_completes()
    {
        var user = Records.NewOwner();
        using var client = _app.CreateClient(user);
        var large = TestImages.Jpeg(900, 700);
        Assert.True(large.Length > 20000);
        using var inline = await client.UploadAsync(large);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, inline.StatusCode);

        using var start = await client.PostAsync(new Uri("/images/uploads", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Created, start.StatusCode);
        var presigned = await start.JsonAsync();
        var id = presigned.GetProperty("imageId").GetString()!;
        Assert.Equal("POST", presigned.GetProperty("method").GetString());
        Assert.Empty(await client.ListedIdsAsync());

        // The client talks to S3 directly, without the API's bearer token.
        using (var s3Client = new HttpClient())
        using (var form = new MultipartFormDataContent())
        {
            foreach (var field in presigned.GetProperty("fields").EnumerateObject())
            {
                form.Add(new StringContent(field.Value.GetString()!), field.Name);
            }

            form.Add(new ByteArrayContent(large), "file", "big.jpg");
            using var sent = await s3Client.PostAsync(new Uri(presigned.GetProperty("url").GetString()!), form);
            Assert.True(sent.IsSuccessStatusCode, $"S3 answered {(int)sent.StatusCode}");
        }

        using var complete = await client.PostAsync(new Uri(presigned.GetProperty("complete").GetString()!, UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.OK, complete.StatusCode);
        var image = await complete.JsonAsync();
        Assert.Equal(("ready", 900, 700), (image.GetProperty("status").GetString(), image.GetProperty("width").GetInt32(), image.GetProperty("height").GetInt32()));
        Assert.Equal([id], await client.ListedIdsAsync());
        Assert.Equal(large, await client.GetByteArrayAsync(new Uri($"/images/{id}/original", UriKind.Relative)));
        Assert.DoesNotContain(BlobKeys.Upload(user, id), await _fixture.Backend.ObjectKeysContainingAsync(user));
    }
}
