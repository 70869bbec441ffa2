using ImageService.Core.Images;

namespace ImageService.Api.Images;

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
    ImageLinks Links)
{
    public static ImageResponse From(ImageRecord record, PathString pathBase)
    {
        ArgumentNullException.ThrowIfNull(record);
        var self = $"{pathBase}/images/{record.Id}";
        return new ImageResponse(record.Id, record.AlbumId, record.Title, record.Description, record.Tags, record.Path, record.Format,
            record.Width, record.Height, record.Bytes, record.Sha256, record.Status.ToString().ToLowerInvariant(),
            record.CreatedAt, record.UpdatedAt, record.Version,
            new ImageLinks(self, $"{self}/original", $"{self}/display", $"{self}/thumbnail", $"{self}/content"));
    }
}
