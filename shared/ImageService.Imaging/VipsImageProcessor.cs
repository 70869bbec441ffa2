using System.Globalization;
using ImageService.Core.Imaging;
using ImageService.Imaging.Interop;

namespace ImageService.Imaging;

/// <summary>
/// <see cref="IImageProcessor"/> on libvips. Every call sniffs the format from magic bytes, reads the header
/// (no pixels) to enforce the pixel limit, then runs one streaming pipeline: shrink-on-load decode and
/// resize with EXIF autorotate (<see cref="ImageOps.DecodeResized"/>) → 8-bit sRGB → crop or
/// letterbox → rot/flip/flop → blur → save without metadata. The input memory is pinned, never copied, until
/// the output is written. Thread-safe: no mutable state; libvips settings are process-wide (see
/// <see cref="Libvips"/>).
/// </summary>
public sealed class VipsImageProcessor : IImageProcessor
{
    private readonly ImagingOptions _options;

    // libvips is loaded, initialised and given these settings at the processor's first use, not when it is
    // constructed: handlers that only may render (list, get, update and delete reach the processor through the ingest
    // service) would otherwise load the 18 MB library and start its threads at every Lambda cold start.
    private readonly Lazy<bool> _configured;

    public VipsImageProcessor(ImagingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _configured = new(() =>
        {
            Libvips.Configure(options);
            return true;
        }, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public VipsImageProcessor() : this(new ImagingOptions())
    {
    }

    /// <summary>Loads libvips and applies this processor's settings if that has not happened yet (every call does it
    /// first).</summary>
    internal void EnsureConfigured() => _ = _configured.Value;

    /// <summary>The libvips version in use, e.g. "8.18.7".</summary>
    public static string LibvipsVersion => Libvips.Version;

    public ImageInfo Probe(ReadOnlyMemory<byte> source)
    {
        EnsureConfigured();
        var format = Recognise(source.Span);
        using var pinned = PinnedSource.Pin(source);
        var header = ReadHeader(pinned, format);
        EnforcePixelLimit(header, frames: 1);
        return header;
    }

    public ProcessedUpload ProcessUpload(ReadOnlyMemory<byte> original)
    {
        EnsureConfigured();
        var format = Recognise(original.Span);
        using var pinned = PinnedSource.Pin(original);
        using var opened = OpenHeader(pinned, format);
        var header = HeaderInfo(opened, format);
        EnforcePixelLimit(header, frames: 1);
        return AsDecodeFailure(() =>
        {
            // One decode: shrink-on-load to the display size, keep those pixels in memory, and derive the
            // thumbnail from them rather than decoding the original a second time.
            var side = _options.DisplayMaxSize;
            var shrink = (double)Math.Max(header.Width, header.Height) / side;
            using var display = new ImageChain(ImageOps.DecodeResized(pinned, opened, format, shrink, side, side, "down", crop: null, frames: 1));
            ImageOps.ToSrgb8(display);
            display.Then(ImageOps.CopyMemory);
            // The two encodes only read the display pixels, and libwebp encodes on one thread: the thumbnail is
            // resized and encoded beside the display's encode instead of after it.
            RenderedImage? displayImage = null;
            RenderedImage? thumbnailImage = null;
            InParallel(
                () => displayImage = Rendered(display, OutputFormats.Webp, _options.RenditionQuality, _options.RenditionWebpEffort),
                () =>
                {
                    var thumbSide = _options.ThumbnailSize;
                    using var thumbnail = new ImageChain(ImageOps.ThumbnailImage(display.Current, thumbSide, thumbSide, "down"));
                    thumbnailImage = Rendered(thumbnail, OutputFormats.Webp, _options.RenditionQuality, _options.RenditionWebpEffort);
                });
            return new ProcessedUpload(header, displayImage!, thumbnailImage!);
        });
    }

    public RenderedImage Transform(ReadOnlyMemory<byte> source, TransformSpec spec, TransformContext context)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(context);
        EnsureConfigured();
        var format = Recognise(source.Span);
        using var pinned = PinnedSource.Pin(source);
        using var opened = OpenHeader(pinned, format);
        var header = HeaderInfo(opened, format);
        var output = OutputFormats.Resolve(spec.Format, format, header.HasAlpha, context);
        var plan = ResizePlan.Create(header.Width, header.Height, spec, context.MaxDimension);
        var frames = Animates(header, spec, plan, output) ? Math.Min(header.Pages, _options.MaxFrames) : 1;
        EnforcePixelLimit(header, frames);
        return AsDecodeFailure(() =>
        {
            var size = plan.ThumbnailCrop is null ? "force" : "both";
            var shrink = Math.Min((double)header.Width / plan.ResizeWidth, (double)header.Height / plan.ResizeHeight);
            using var chain = new ImageChain(ImageOps.DecodeResized(pinned, opened, format, shrink, plan.ResizeWidth, plan.ResizeHeight, size, plan.ThumbnailCrop, frames));
            ImageOps.ToSrgb8(chain);
            if (plan.Crop is { } crop)
            {
                chain.Then("extract_area", op => op.Set("left", crop.Left).Set("top", crop.Top).Set("width", crop.Width).Set("height", crop.Height), "input");
            }

            if (plan.Canvas is { } canvas)
            {
                Letterbox(chain, canvas, spec.Background, Encoder.SupportsAlpha(output));
            }

            ApplyOrientationEdits(chain, spec);
            if (spec.Blur is { } sigma)
            {
                chain.Then("gaussblur", op => op.Set("sigma", sigma));
            }

            if (chain.HasAlpha && !Encoder.SupportsAlpha(output))
            {
                var (r, g, b, _) = Colour(spec.Background ?? "ffffff");
                ToColour(chain);
                chain.Then("flatten", op => op.Set("background", [r, g, b]));
            }

            return Rendered(chain, output, spec.Quality);
        });
    }

    private string Recognise(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            throw new EmptyImageException();
        }

        var format = FormatSniffer.Sniff(bytes) ?? throw new UnrecognizedImageFormatException();
        // The bundled libvips has no PDF loader, so PDF stays refused even when enabled.
        if ((format == "svg" && !_options.AllowSvg) || format == "pdf")
        {
            throw new FormatNotAllowedException(format);
        }

        return format;
    }

    private static ImageInfo ReadHeader(PinnedSource pinned, string format)
    {
        using var image = OpenHeader(pinned, format);
        return HeaderInfo(image, format);
    }

    /// <summary>The source opened lazily (header parsed, no pixels); Transform decodes through it when no
    /// shrink-on-load is needed, so the header is parsed once.</summary>
    private static VipsImageHandle OpenHeader(PinnedSource pinned, string format)
    {
        Libvips.EnsureInitialised();
        try
        {
            return ImageOps.LoadHeader(pinned, format);
        }
        catch (VipsException e)
        {
            throw new CorruptImageException($"The {format.ToUpperInvariant()} header cannot be read.", e);
        }
    }

    private static ImageInfo HeaderInfo(VipsImageHandle image, string format)
    {
        var width = VipsImageNative.VipsImageGetWidth(image);
        var height = VipsImageNative.VipsImageGetHeight(image);
        if (VipsImageNative.VipsImageGetOrientationSwap(image))
        {
            (width, height) = (height, width);
        }

        var pages = Math.Max(1, VipsImageNative.VipsImageGetNPages(image));
        return new ImageInfo(format, width, height, VipsImageNative.VipsImageHasAlpha(image), pages);
    }

    private void EnforcePixelLimit(ImageInfo header, int frames)
    {
        var pixels = (long)header.Width * header.Height * frames;
        if (pixels > _options.MaxPixels)
        {
            throw new PixelLimitExceededException(pixels, _options.MaxPixels);
        }
    }

    /// <summary>Animated output only for animated GIF/WebP sources rendered to GIF/WebP with a plain resize
    /// (fit inside/fill/outside or one side given): libvips' crops, letterboxes, rotations and blur treat the
    /// frames as one tall image, so those requests render the first frame.</summary>
    private bool Animates(ImageInfo header, TransformSpec spec, ResizePlan plan, string output) =>
        _options.MaxFrames > 1 && header.Pages > 1 && header.Format is "gif" or "webp"
        && output is OutputFormats.Gif or OutputFormats.Webp
        && plan is { Crop: null, Canvas: null, ThumbnailCrop: null }
        && spec is { Rotate: 0, Flip: false, Flop: false, Blur: null };

    private static void Letterbox(ImageChain chain, Region canvas, string? background, bool outputHasAlpha)
    {
        var (r, g, b, a) = Colour(background ?? (outputHasAlpha ? "00000000" : "ffffff"));
        ToColour(chain);
        if (a < 255 && outputHasAlpha && !chain.HasAlpha)
        {
            chain.Then("bandjoin_const", op => op.Set("c", [255.0]));
        }

        double[] fill = chain.HasAlpha ? [r, g, b, a] : [r, g, b];
        chain.Then("embed", op => op
            .Set("x", canvas.Left).Set("y", canvas.Top).Set("width", canvas.Width).Set("height", canvas.Height)
            .Set("extend", "background").Set("background", fill));
    }

    /// <summary>Greyscale becomes sRGB before a coloured background is drawn into it.</summary>
    private static void ToColour(ImageChain chain)
    {
        if (VipsImageNative.VipsImageGetBands(chain.Current) < 3)
        {
            chain.Then("colourspace", op => op.Set("space", "srgb"));
        }
    }

    private static void ApplyOrientationEdits(ImageChain chain, TransformSpec spec)
    {
        if (spec.Rotate is 90 or 180 or 270)
        {
            chain.Then("rot", op => op.Set("angle", "d" + spec.Rotate.ToString(CultureInfo.InvariantCulture)));
        }

        if (spec.Flip)
        {
            chain.Then("flip", op => op.Set("direction", "vertical"));
        }

        if (spec.Flop)
        {
            chain.Then("flip", op => op.Set("direction", "horizontal"));
        }
    }

    private static (double R, double G, double B, double A) Colour(string hex)
    {
        int Channel(int i) => int.Parse(hex.AsSpan(i * 2, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return (Channel(0), Channel(1), Channel(2), hex.Length == 8 ? Channel(3) : 255);
    }

    /// <summary>Runs both on two threads (the second on the pool) and returns when both have finished, so nothing
    /// they read is released early; the first failure is rethrown as it was thrown, not wrapped.</summary>
    private static void InParallel(Action first, Action second)
    {
        var other = Task.Run(second);
        try
        {
            first();
        }
        finally
        {
            // Waited for even when first() failed (WaitAny does not throw): the caller disposes what both read next.
            Task.WaitAny(other);
        }

        other.GetAwaiter().GetResult();
    }

    private static RenderedImage Rendered(ImageChain chain, string format, int? quality, int webpEffort = Encoder.DefaultWebpEffort)
    {
        var bytes = Encoder.Save(chain, format, quality, webpEffort);
        var pageHeight = VipsImageNative.VipsImageGetPageHeight(chain.Current);
        return new RenderedImage(bytes, format, OutputFormats.ContentType(format), chain.Width, pageHeight > 0 ? pageHeight : chain.Height);
    }

    /// <summary>Pixels are decoded lazily during the save, so a truncated or damaged file fails there; after the
    /// header has been read, any libvips failure is attributed to the input.</summary>
    private T AsDecodeFailure<T>(Func<T> render)
    {
        try
        {
            return render();
        }
        catch (VipsException e)
        {
            throw new CorruptImageException("The image data is damaged or truncated and cannot be decoded.", e);
        }
        finally
        {
            if (_options.NativeHeap == NativeHeapMode.Release)
            {
                // The pipeline is closed by now: what it freed below the mmap threshold (tiles, line caches, codec
                // state) sits in free chunks inside the malloc arenas until trimmed.
                Libvips.TrimNativeHeap();
            }
        }
    }
}
