namespace ImageService.Core.Imaging;

/// <param name="Format">Sniffed input format: jpeg, png, webp, gif, avif, heif, tiff (svg/pdf only when enabled).</param>
/// <param name="Width">Width after EXIF orientation is applied.</param>
/// <param name="Height">Height after EXIF orientation is applied.</param>
/// <param name="Pages">Frames of an animated image (1 otherwise).</param>
public sealed record ImageInfo(string Format, int Width, int Height, bool HasAlpha, int Pages);
