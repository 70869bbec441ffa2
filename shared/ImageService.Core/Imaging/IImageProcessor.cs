namespace ImageService.Core.Imaging;

/// <summary>
/// The image engine port (libvips in ImageService.Imaging). Inputs are sniffed from their bytes, never from a
/// name or Content-Type. Bad input throws a subclass of <see cref="ImageRejectedException"/>.
/// Thread-safe; calls are CPU-bound and synchronous.
/// </summary>
public interface IImageProcessor
{
    /// <summary>Format, dimensions (after EXIF orientation) and alpha from the header only; no pixels decoded.</summary>
    ImageInfo Probe(ReadOnlyMemory<byte> source);

    /// <summary>For an upload: validates the original and produces the display rendition (WebP, longest side
    /// at most 2048 px, never upscaled) and the 400 px thumbnail (WebP, longest side 400), metadata stripped.</summary>
    ProcessedUpload ProcessUpload(ReadOnlyMemory<byte> original);

    /// <summary>Renders <paramref name="spec"/> from <paramref name="source"/>. <paramref name="context"/> resolves
    /// f=auto and carries plan limits.</summary>
    RenderedImage Transform(ReadOnlyMemory<byte> source, TransformSpec spec, TransformContext context);
}
