namespace ImageService.Core.Imaging;

/// <param name="Format">Output format token: jpeg, png, webp, avif or gif.</param>
/// <param name="ContentType">MIME type of <see cref="Bytes"/> (image/jpeg, image/webp, ...).</param>
public sealed record RenderedImage(byte[] Bytes, string Format, string ContentType, int Width, int Height);
