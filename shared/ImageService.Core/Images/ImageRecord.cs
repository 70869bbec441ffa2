namespace ImageService.Core.Images;

/// <summary>Catalogue entry for one uploaded image. Immutable; updates produce a new record with Version + 1.</summary>
public sealed record ImageRecord
{
    public required string Id { get; init; }
    public required string OwnerId { get; init; }
    public string? AlbumId { get; init; }
    public string? Title { get; init; }
    public string? Description { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
    /// <summary>The owner's own name for the image in delivery URLs (<see cref="ImagePaths"/>); null = none. Unique per owner.</summary>
    public string? Path { get; init; }
    /// <summary>Format of the original, sniffed from its bytes (jpeg, png, webp, gif, avif, heif, tiff).</summary>
    public required string Format { get; init; }
    public required int Width { get; init; }
    public required int Height { get; init; }
    public required long Bytes { get; init; }
    /// <summary>Lower-case hex SHA-256 of the original bytes.</summary>
    public required string Sha256 { get; init; }
    public required ImageStatus Status { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
    /// <summary>Optimistic-concurrency version, 1 on create; the API's ETag derives from it.</summary>
    public required long Version { get; init; }
}
