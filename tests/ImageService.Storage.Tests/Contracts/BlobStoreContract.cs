using System.Security.Cryptography;
using ImageService.Core.Storage;

namespace ImageService.Storage.Tests.Contracts;

/// <summary>The observable behaviour every <see cref="IBlobStore"/> must share; one subclass per backend.</summary>
public abstract class BlobStoreContract
{
    private static readonly BlobWriteOptions Jpeg = new("image/jpeg", "public, max-age=31536000, immutable");

    protected abstract IBlobStore Store { get; }

    [Fact]
    public async Task Stored_bytes_read_back_identical_with_their_content_type()
    {
        var key = BlobKeys.Original(Records.NewOwner(), Records.NewId());
        // Large enough to span several transfer chunks.
        var bytes = RandomNumberGenerator.GetBytes(300_000);

        await Store.PutAsync(key, bytes, Jpeg);

        await using var blob = await Store.GetAsync(key);
        Assert.NotNull(blob);
        Assert.Equal("image/jpeg", blob.ContentType);
        Assert.Equal(bytes.Length, blob.Length);
        Assert.Equal(bytes, await ReadAllAsync(blob));
    }

    [Fact]
    public async Task Writing_a_key_again_replaces_its_bytes()
    {
        var key = BlobKeys.Display(Records.NewOwner(), Records.NewId());
        await Store.PutAsync(key, RandomNumberGenerator.GetBytes(5000), new BlobWriteOptions("image/webp"));
        var second = RandomNumberGenerator.GetBytes(1200);

        await Store.PutAsync(key, second, new BlobWriteOptions("image/png"));

        await using var blob = await Store.GetAsync(key);
        Assert.NotNull(blob);
        Assert.Equal("image/png", blob.ContentType);
        Assert.Equal(second, await ReadAllAsync(blob));
    }

    [Fact]
    public async Task Missing_object_reads_as_null_and_does_not_exist()
    {
        var key = BlobKeys.Original(Records.NewOwner(), Records.NewId());

        Assert.Null(await Store.GetAsync(key));
        Assert.False(await Store.ExistsAsync(key));
    }

    [Fact]
    public async Task Stored_object_exists()
    {
        var key = BlobKeys.Thumbnail(Records.NewOwner(), Records.NewId());

        await Store.PutAsync(key, new byte[] { 1, 2, 3 }, new BlobWriteOptions("image/webp"));

        Assert.True(await Store.ExistsAsync(key));
    }

    [Fact]
    public async Task Deleting_a_prefix_removes_everything_under_it_and_nothing_beside_it()
    {
        var owner = Records.NewOwner();
        var image = Records.NewId();
        var derived = Enumerable.Range(0, 5).Select(i => BlobKeys.Derived(owner, image, $"w{i}.webp")).ToArray();
        // Same id plus a suffix: shares the textual prefix but not the folder.
        var neighbour = BlobKeys.Derived(owner, image + "0", "w1.webp");
        foreach (var key in derived.Append(neighbour))
        {
            await Store.PutAsync(key, new byte[] { 7 }, new BlobWriteOptions("image/webp"));
        }

        await Store.DeletePrefixAsync(BlobKeys.DerivedOf(owner, image));
        await Store.DeletePrefixAsync(BlobKeys.DerivedOf(owner, image));

        foreach (var key in derived)
        {
            Assert.False(await Store.ExistsAsync(key));
        }

        Assert.True(await Store.ExistsAsync(neighbour));
    }

    [Fact]
    public async Task Deleting_keys_removes_them_and_ignores_absent_ones()
    {
        var owner = Records.NewOwner();
        var image = Records.NewId();
        var original = BlobKeys.Original(owner, image);
        var thumbnail = BlobKeys.Thumbnail(owner, image);
        await Store.PutAsync(original, new byte[] { 1 }, Jpeg);
        await Store.PutAsync(thumbnail, new byte[] { 2 }, new BlobWriteOptions("image/webp"));

        // Display and Upload were never written.
        await Store.DeleteAsync(BlobKeys.AllFixed(owner, image));
        await Store.DeleteAsync(BlobKeys.AllFixed(owner, image));

        Assert.False(await Store.ExistsAsync(original));
        Assert.False(await Store.ExistsAsync(thumbnail));
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("originals/../../escape")]
    [InlineData("/absolute")]
    [InlineData("")]
    public async Task Keys_that_could_escape_the_store_are_refused(string key)
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.PutAsync(key, new byte[] { 1 }, Jpeg));
    }

    [Fact]
    public async Task Store_reports_ready()
    {
        Assert.True(await Store.IsReadyAsync());
    }

    private static async Task<byte[]> ReadAllAsync(StoredBlob blob)
    {
        using var copy = new MemoryStream();
        await blob.Content.CopyToAsync(copy);
        return copy.ToArray();
    }
}
