using ImageService.Core.Ids;
using ImageService.Core.Paging;
using ImageService.Core.Storage;
using ImageService.Storage.Local;

namespace ImageService.Api.Tests;

/// <summary>Embedded-backend and Core details the API relies on that HTTP tests cannot reach directly.</summary>
public sealed class LocalStorageTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("imageservice-local-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Theory]
    [InlineData("../outside")]
    [InlineData("originals/../../outside")]
    [InlineData("/etc/passwd")]
    [InlineData("originals//x")]
    [InlineData("originals/./x")]
    [InlineData("originals\\..\\x")]
    [InlineData("")]
    public async Task Keys_that_could_escape_the_data_directory_are_refused(string key)
    {
        var store = new FileSystemBlobStore(new LocalStorageOptions { DataDirectory = directory });

        await Assert.ThrowsAsync<ArgumentException>(() => store.PutAsync(key, new byte[] { 1 }, new BlobWriteOptions("image/png")));
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(directory)!, "outside")));
    }

    [Fact]
    public async Task A_blob_round_trips_with_its_content_type_and_an_overwrite_replaces_it_whole()
    {
        var store = new FileSystemBlobStore(new LocalStorageOptions { DataDirectory = directory });
        await store.PutAsync("derived/o/i/abc.webp", new byte[] { 1, 2, 3 }, new BlobWriteOptions("image/webp"));
        await store.PutAsync("derived/o/i/abc.webp", new byte[] { 9, 8 }, new BlobWriteOptions("image/webp"));

        await using var blob = await store.GetAsync("derived/o/i/abc.webp");
        using var copy = new MemoryStream();
        await blob!.Content.CopyToAsync(copy);

        Assert.Equal(new byte[] { 9, 8 }, copy.ToArray());
        Assert.Equal("image/webp", blob.ContentType);
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(directory, "blobs", "tmp")));
        await store.DeletePrefixAsync("derived/o/i/");
        Assert.Null(await store.GetAsync("derived/o/i/abc.webp"));
    }

    [Fact]
    public void A_cursor_decodes_only_unchanged_and_for_its_own_scope()
    {
        var codec = new PageCursorCodec(new byte[32]);
        var scope = new PageCursorScope("alice", "album", null);
        var cursor = codec.Encode(scope, "638000000000000000:01ARZ3NDEKTSV4RRFFQ69G5FAV");

        Assert.True(codec.TryDecode(cursor, scope, out var position));
        Assert.Equal("638000000000000000:01ARZ3NDEKTSV4RRFFQ69G5FAV", position);
        Assert.False(codec.TryDecode(cursor, scope with { OwnerId = "bob" }, out _));
        Assert.False(codec.TryDecode(cursor, scope with { Tag = "album" }, out _));
        Assert.False(codec.TryDecode(cursor, scope with { AlbumId = null }, out _));
        Assert.False(codec.TryDecode(cursor[..^2] + (cursor[^2] == 'A' ? "B" : "A") + cursor[^1], scope, out _));
        Assert.False(new PageCursorCodec(Enumerable.Repeat((byte)7, 32).ToArray()).TryDecode(cursor, scope, out _));
    }

    [Fact]
    public void Image_ids_sort_by_creation_time_and_carry_it()
    {
        var time = new ManualTime(new DateTimeOffset(2026, 11, 22, 4, 0, 0, TimeSpan.Zero));
        var generator = new ImageIdGenerator(time);
        var first = generator.NewId();
        time.Now = time.Now.AddMilliseconds(1);
        var second = generator.NewId();

        Assert.True(ImageIds.IsValid(first));
        Assert.True(string.CompareOrdinal(first, second) < 0);
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 4, 0, 0, TimeSpan.Zero), ImageIds.TimestampOf(first));
        Assert.False(ImageIds.IsValid("../../etc/passwd"));
    }

    [Fact]
    public async Task A_signed_upload_url_expires()
    {
        var time = new ManualTime(DateTimeOffset.UtcNow);
        var presigner = new LocalUploadPresigner(new LocalStorageOptions { DataDirectory = directory }, time);
        var upload = await presigner.CreateAsync("alice", "01ARZ3NDEKTSV4RRFFQ69G5FAV", 1000, TimeSpan.FromMinutes(15));
        var token = upload.Url["/uploads/".Length..];

        Assert.True(presigner.TryValidate(token, out var grant));
        Assert.Equal(("alice", "01ARZ3NDEKTSV4RRFFQ69G5FAV", 1000L), (grant.OwnerId, grant.ImageId, grant.MaxBytes));
        time.Now = time.Now.AddMinutes(16);
        Assert.False(presigner.TryValidate(token, out _));
    }

    private sealed class ManualTime(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;
        public override DateTimeOffset GetUtcNow() => Now;
    }
}
