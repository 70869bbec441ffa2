namespace ImageService.Core.Imaging;

public sealed record ProcessedUpload(ImageInfo Original, RenderedImage Display, RenderedImage Thumbnail);
