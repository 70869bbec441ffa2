using Amazon.S3.Model;
using ImageService.Core.Storage;
using ImageService.Storage.Tests.Contracts;

namespace ImageService.Storage.Tests.Aws;

[Collection(AwsEndpointsDefinition.Name)]
public sealed class S3BlobStoreTests(AwsEmulatorFixture fixture) : BlobStoreContract
{
    protected override IBlobStore Store { get; } = fixture.Backend.CreateBlobStore();

    [Fact]
    public async Task Objects_are_written_with_their_cache_control()
    {
        var key = BlobKeys.Derived(Records.NewOwner(), Records.NewId(), "w200.webp");

        await Store.PutAsync(key, new byte[] { 1, 2, 3 }, new BlobWriteOptions("image/webp", "public, max-age=31536000, immutable"));

        var head = await fixture.Backend.S3.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = fixture.Backend.Options.BucketName, Key = key });
        Assert.Equal("public, max-age=31536000, immutable", head.Headers.CacheControl);
        Assert.Equal("image/webp", head.Headers.ContentType);
    }

    [Fact]
    public async Task Deleting_a_prefix_larger_than_one_delete_batch_removes_all_of_it()
    {
        var owner = Records.NewOwner();
        var image = Records.NewId();
        var keys = Enumerable.Range(0, 1005).Select(i => BlobKeys.Derived(owner, image, $"r{i}")).ToArray();
        foreach (var batch in keys.Chunk(50))
        {
            await Task.WhenAll(batch.Select(key => Store.PutAsync(key, new byte[] { 1 }, new BlobWriteOptions("image/webp"))));
        }

        await Store.DeletePrefixAsync(BlobKeys.DerivedOf(owner, image));

        var left = await fixture.Backend.S3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = fixture.Backend.Options.BucketName, Prefix = BlobKeys.DerivedOf(owner, image) });
        Assert.Empty(left.S3Objects ?? []);
    }
}
