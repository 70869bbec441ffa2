namespace ImageService.Contracts.Images;

public sealed record ImageResponse(
    string Id,
    string? AlbumId,
    string? Title,
    string? Description,
    IReadOnlyList<string> Tags,
    string? Path,
    string Format,
    int Width,
    int Height,
    long Bytes,
    string Sha256,
    string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long Version,
    ImageLinks Links);
