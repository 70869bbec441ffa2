using System.Security.Cryptography;
using ImageService.Core.Storage;
using ImageService.Storage.Local;
using ImageService.Storage.Tests.Contracts;

namespace ImageService.Storage.Tests.Local;

public sealed class FileSystemBlobStoreTests(LocalDataDirectory directory) : BlobStoreContract, IClassFixture<LocalDataDirectory>
{
    protected override IBlobStore Store { get; } = new FileSystemBlobStore(directory.Options);

    [Fact]
    public async Task An_object_without_its_sidecar_reads_as_octet_stream()
    {
        var key = BlobKeys.Display(Records.NewOwner(), Records.NewId());
        var bytes = RandomNumberGenerator.GetBytes(2000);
        await Store.PutAsync(key, bytes, new BlobWriteOptions("image/webp"));
        File.Delete(Path.Combine(directory.Options.FullDataDirectory, "blobs", "meta", key));

        await using var blob = await Store.GetAsync(key);

        Assert.NotNull(blob);
        Assert.Equal("application/octet-stream", blob.ContentType);
        Assert.Equal(bytes, await ReadAllAsync(blob));
    }

    [Theory]
    [InlineData(511)]
    [InlineData(512)]
    [InlineData(513)]
    [InlineData(3000)]
    public async Task A_content_type_of_any_length_reads_back_whole(int length)
    {
        // The sidecar is read with a small buffer first: content types around and beyond its size.
        var contentType = "image/x-" + new string('a', length - "image/x-".Length);
        var key = BlobKeys.Display(Records.NewOwner(), Records.NewId());
        await Store.PutAsync(key, new byte[] { 1, 2, 3 }, new BlobWriteOptions(contentType, "public, max-age=60"));

        await using var blob = await Store.GetAsync(key);

        Assert.NotNull(blob);
        Assert.Equal(contentType, blob.ContentType);
    }

    private static async Task<byte[]> ReadAllAsync(StoredBlob blob)
    {
        using var copy = new MemoryStream();
        await blob.Content.CopyToAsync(copy);
        return copy.ToArray();
    }
}
