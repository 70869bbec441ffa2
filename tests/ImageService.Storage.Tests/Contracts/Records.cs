using ImageService.Core.Images;

namespace ImageService.Storage.Tests.Contracts;

/// <summary>Test data: records with unique owners (tests share one table) and comparison by value.</summary>
internal static class Records
{
    private static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static string NewOwner() => "owner-" + Guid.NewGuid().ToString("N")[..12];

    public static string NewId() => Guid.NewGuid().ToString("N");

    /// <summary>A Ready record created <paramref name="minute"/> minutes after a fixed epoch.</summary>
    public static ImageRecord Image(string ownerId, int minute = 0, string? id = null, string? albumId = null,
        IReadOnlyList<string>? tags = null, ImageStatus status = ImageStatus.Ready) => new()
    {
        Id = id ?? NewId(),
        OwnerId = ownerId,
        AlbumId = albumId,
        Title = "Sunset",
        Description = "Over the bay",
        Tags = tags ?? [],
        Format = "jpeg",
        Width = 640,
        Height = 480,
        Bytes = 12345,
        Sha256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        Status = status,
        CreatedAt = Epoch.AddMinutes(minute).AddTicks(1234567),
        UpdatedAt = Epoch.AddMinutes(minute),
        Version = 1,
    };

    /// <summary>Value comparison (records compare their tag lists by reference).</summary>
    public static void Same(ImageRecord expected, ImageRecord? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected with { Tags = [] }, actual with { Tags = [] });
        Assert.Equal(expected.Tags, actual.Tags);
    }
}
