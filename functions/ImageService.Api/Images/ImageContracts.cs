using ImageService.Core.Images;

namespace ImageService.Api.Images;

/// <summary>How Core's image records become the shared contract record (ImageService.Contracts knows nothing of Core
/// or ASP.NET Core); an extension member keeps the call sites <c>ImageResponse.From(…)</c>.</summary>
internal static class ImageContracts
{
    extension(ImageResponse)
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
}
