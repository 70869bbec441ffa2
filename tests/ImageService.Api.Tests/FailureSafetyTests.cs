using System.Net;
using ImageService.Api.Images;
using ImageService.Core.Storage;

namespace ImageService.Api.Tests;

public sealed class FailureSafetyTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task A_storage_write_that_throws_mid_upload_leaves_no_record_and_no_bytes(int failingWrite)
    {
        using var app = new ImageServiceApp { WrapBlobStore = inner => new FailingBlobStore(inner, failOnPut: failingWrite) };
        using var client = app.CreateClient(user: "unlucky");

        using var response = await client.UploadAsync(TestImages.Jpeg(300, 200));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var problem = await response.ReadProblemAsync();
        Assert.Equal("urn:imageservice:problem:storage-unavailable", problem.GetProperty("type").GetString());
        Assert.Empty((await (await client.GetAsync("/images")).ReadAsync<ImageListResponse>()).Items);
        Assert.Empty(app.StoredObjects());
    }

    [Fact]
    public async Task A_metadata_write_that_fails_after_the_blobs_removes_the_blobs()
    {
        using var app = new ImageServiceApp { WrapMetadataStore = inner => new FailingMetadataStore(inner) };
        using var client = app.CreateClient(user: "unlucky");

        using var response = await client.UploadAsync(TestImages.Jpeg(300, 200));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Empty(app.StoredObjects());
    }

    [Fact]
    public async Task An_unexpected_failure_is_a_500_problem_with_a_correlation_id_and_no_stack_trace()
    {
        using var app = new ImageServiceApp { WrapMetadataStore = inner => new FailingMetadataStore(inner, new InvalidOperationException("secret internals at Foo.Bar()")) };
        using var client = app.CreateClient(user: "unlucky");

        using var response = await client.UploadAsync(TestImages.Jpeg(30, 20));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        var problem = await response.ReadProblemAsync();
        Assert.Equal("urn:imageservice:problem:internal", problem.GetProperty("type").GetString());
        Assert.Matches("^[0-9a-f]{32}$", problem.GetProperty("correlationId").GetString());
        Assert.DoesNotContain("secret internals", body, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", body, StringComparison.Ordinal);
        Assert.Empty(app.StoredObjects());
    }

    /// <summary>Writes through until the <c>failOnPut</c>-th write, which stores half the object and then throws,
    /// like a connection that drops mid-write.</summary>
    private sealed class FailingBlobStore(IBlobStore inner, int failOnPut) : ForwardingBlobStore(inner)
    {
        private int puts;

        public override async Task PutAsync(string key, ReadOnlyMemory<byte> content, BlobWriteOptions options, CancellationToken cancellationToken = default)
        {
            if (Interlocked.Increment(ref puts) == failOnPut)
            {
                await Inner.PutAsync(key, content[..(content.Length / 2)], options, cancellationToken);
                throw new StorageUnavailableException("Simulated storage outage.");
            }
            await Inner.PutAsync(key, content, options, cancellationToken);
        }
    }
}
