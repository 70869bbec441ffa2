using System.Security.Cryptography;
using System.Text.Json;
using ImageService.Core.Storage;
using ImageService.Storage.Aws;
using ImageService.Storage.Tests.Contracts;

namespace ImageService.Storage.Tests.Aws;

[Collection(AwsEndpointsDefinition.Name)]
public sealed class S3UploadPresignerTests(AwsEmulatorFixture fixture)
{
    private readonly S3UploadPresigner _presigner = new(fixture.Backend.S3, fixture.Backend.Options);

    [Fact]
    public async Task Client_posting_the_presigned_form_stores_the_file_at_the_upload_key()
    {
        var owner = Records.NewOwner();
        var image = Records.NewId();
        var bytes = RandomNumberGenerator.GetBytes(200_000);
        var upload = await _presigner.CreateAsync(owner, image, maxBytes: 1_000_000, TimeSpan.FromMinutes(15));

        using var http = new HttpClient();
        using var form = new MultipartFormDataContent();
        foreach (var (name, value) in upload.Fields)
        {
            form.Add(new StringContent(value), name);
        }

        form.Add(new ByteArrayContent(bytes), "file", "photo.jpg");
        using var response = await http.PostAsync(new Uri(upload.Url), form);

        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        await using var stored = await fixture.Backend.CreateBlobStore().GetAsync(BlobKeys.Upload(owner, image));
        Assert.NotNull(stored);
        using var copy = new MemoryStream();
        await stored.Content.CopyToAsync(copy);
        Assert.Equal(bytes, copy.ToArray());
    }

    [Fact]
    public async Task Presigned_post_is_a_form_upload_that_expires_and_states_its_size_limit()
    {
        var before = DateTimeOffset.UtcNow;

        var upload = await _presigner.CreateAsync(Records.NewOwner(), Records.NewId(), maxBytes: 5_000_000, TimeSpan.FromMinutes(10));

        Assert.Equal("POST", upload.Method);
        Assert.Equal(5_000_000, upload.MaxBytes);
        Assert.InRange(upload.ExpiresAt, before.AddMinutes(10), DateTimeOffset.UtcNow.AddMinutes(10));
        Assert.StartsWith(fixture.Backend.Options.S3ServiceUrl?.ToString() ?? "http", upload.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Policy_pins_the_upload_key_the_size_range_and_encryption()
    {
        var owner = Records.NewOwner();
        var image = Records.NewId();

        var upload = await _presigner.CreateAsync(owner, image, maxBytes: 4_000_000, TimeSpan.FromMinutes(10));

        // S3 enforces the policy (s3rver does not), so the policy itself is what must be right.
        using var policy = JsonDocument.Parse(Convert.FromBase64String(upload.Fields["Policy"]));
        var conditions = policy.RootElement.GetProperty("conditions").EnumerateArray().Select(c => c.GetRawText()).ToArray();
        Assert.Contains($$"""{"key":"{{BlobKeys.Upload(owner, image)}}"}""", conditions);
        Assert.Contains("""["content-length-range",1,4000000]""", conditions);
        Assert.Contains("""{"x-amz-server-side-encryption":"AES256"}""", conditions);
        Assert.Equal(BlobKeys.Upload(owner, image), upload.Fields["key"]);
        Assert.Equal("AES256", upload.Fields["x-amz-server-side-encryption"]);
    }
}
