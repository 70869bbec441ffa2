namespace ImageService.Core.Imaging;

/// <summary>Input the engine refuses. Each subclass is one distinct reason; the API maps 415 (not an image we accept)
/// or 422 (an image we cannot or will not decode).</summary>
public abstract class ImageRejectedException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Zero bytes. API: 400 (the file field is empty).</summary>
public sealed class EmptyImageException() : ImageRejectedException("The file is empty.");

/// <summary>The bytes match no image format's signature. API: 415.</summary>
public sealed class UnrecognizedImageFormatException() : ImageRejectedException("The file is not an image in a supported format (JPEG, PNG, WebP, GIF, AVIF, HEIF, TIFF).");

/// <summary>A recognised format that is refused by configuration (SVG, PDF). API: 415.</summary>
public sealed class FormatNotAllowedException(string format) : ImageRejectedException($"{format.ToUpperInvariant()} input is not accepted.")
{
    public string Format { get; } = format;
}

/// <summary>The header looked right but the image cannot be decoded (truncated, corrupt). API: 422.</summary>
public sealed class CorruptImageException(string message, Exception? inner = null) : ImageRejectedException(message, inner);

/// <summary>The header declares more pixels than allowed; refused before decoding. API: 422.</summary>
public sealed class PixelLimitExceededException(long pixels, long limit)
    : ImageRejectedException($"The image has {pixels} pixels; the limit is {limit}.")
{
    public long Pixels { get; } = pixels;
    public long Limit { get; } = limit;
}
