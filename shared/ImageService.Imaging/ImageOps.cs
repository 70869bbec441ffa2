using System.Globalization;
using ImageService.Imaging.Interop;

namespace ImageService.Imaging;

/// <summary>The libvips operations the pipeline uses, each a typed call through <see cref="VipsOperation"/>.
/// Every method returns a new image reference the caller disposes.</summary>
internal static class ImageOps
{
    /// <summary>Buffer loader by format token; loading builds the header only, pixels stay undecoded.</summary>
    public static string LoaderFor(string format) => format switch
    {
        "jpeg" => "jpegload_buffer",
        "png" => "pngload_buffer",
        "webp" => "webpload_buffer",
        "gif" => "gifload_buffer",
        "avif" or "heif" => "heifload_buffer",
        "tiff" => "tiffload_buffer",
        "svg" => "svgload_buffer",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "no loader"),
    };

    /// <summary>
    /// Opens the source lazily: the header is parsed, no pixels are decoded. JPEG and WebP loads are built as the
    /// pixel decode wants them (fail on truncated data), so <see cref="DecodeResized"/> can decode through this very
    /// image when it needs no shrink-on-load instead of parsing the header a second time.
    /// </summary>
    public static VipsImageHandle LoadHeader(PinnedSource source, string format)
    {
        using var op = VipsOperation.Create(LoaderFor(format))
            .Set("buffer", source.Blob)
            .Set("access", "sequential");
        if (format is "jpeg" or "webp")
        {
            op.Set("fail_on", "truncated");
        }

        return op.Build().GetImage("out");
    }

    /// <summary>
    /// Decodes and resizes in one streaming step, with EXIF autorotate, alpha premultiplied while resampling, and
    /// the crop thumbnail does ("centre", "attention"). <paramref name="shrink"/> is how much smaller than the
    /// source the result is (source / target, the smaller of the two axes). <paramref name="header"/> is the
    /// source as <see cref="LoadHeader"/> opened it, pixels not yet read; it is decoded at most once.
    /// </summary>
    /// <remarks>
    /// JPEG and WebP decode at reduced size themselves. libvips' thumbnail_buffer leaves a factor of two for the
    /// final resample (a 2560 px JPEG to 720 px decodes at full size); like sharp's default fastShrinkOnLoad, this
    /// asks the JPEG decoder for the largest of 8, 4, 2 that the shrink allows (halved when the shrink's whole
    /// part equals the factor, as sharp does to stay clear of libjpeg's rounding) and WebP for the exact scale,
    /// then lets thumbnail_image finish. Without a shrink-on-load the header image itself is decoded. Other
    /// formats use thumbnail_buffer, which knows their tricks (HEIF embedded thumbnails, TIFF pyramids, SVG
    /// rendered at the target size).
    ///
    /// thumbnail_image is kept rather than calling resize (+ autorot) as sharp does: in libvips 8.18 it takes the
    /// input by reference (no extra buffering), its colourspace step is a no-op for sRGB/greyscale, and then it
    /// runs that same resize and, only for orientation != 1, autorot; it adds alpha premultiplication, CMYK import
    /// and per-page handling where those apply. A direct resize measured no difference (Volna 5120x2880 JPEG to
    /// 1024 px WebP, 303-305 vs 305-309 ms CPU per operation, alternating runs), so the single path stays.
    /// </remarks>
    public static VipsImageHandle DecodeResized(PinnedSource source, VipsImageHandle header, string format, double shrink, int width, int height, string size, string? crop, int frames)
    {
        if (format is not ("jpeg" or "webp"))
        {
            using var thumbnail = VipsOperation.Create("thumbnail_buffer")
                .Set("buffer", source.Blob).Set("width", width).Set("height", height).Set("size", size)
                .Set("option_string", LoaderOptions(format, frames));
            if (crop is not null)
            {
                thumbnail.Set("crop", crop);
            }

            return thumbnail.Build().GetImage("out");
        }

        var jpegFactor = format == "jpeg" ? JpegShrink(shrink) : 1;
        var webpScales = format == "webp" && shrink > 1;
        if (frames == 1 && jpegFactor == 1 && !webpScales)
        {
            // The header image is already this load (same options, pixels not yet read): decode through it.
            return ThumbnailImage(header, width, height, size, crop);
        }

        using var load = VipsOperation.Create(LoaderFor(format))
            .Set("buffer", source.Blob).Set("access", "sequential").Set("fail_on", "truncated");
        if (frames > 1)
        {
            load.Set("n", frames);
        }

        if (jpegFactor > 1)
        {
            load.Set("shrink", jpegFactor);
        }
        else if (webpScales)
        {
            load.Set("scale", 1 / shrink);
        }

        using var loaded = load.Build().GetImage("out");
        return ThumbnailImage(loaded, width, height, size, crop);
    }

    public static VipsImageHandle ThumbnailImage(VipsImageHandle input, int width, int height, string size, string? crop = null)
    {
        using var op = VipsOperation.Create("thumbnail_image")
            .Set("in", input)
            .Set("width", width)
            .Set("height", height)
            .Set("size", size);
        if (crop is not null)
        {
            op.Set("crop", crop);
        }

        return op.Build().GetImage("out");
    }

    internal static int JpegShrink(double shrink)
    {
        var factor = shrink >= 8 ? 8 : shrink >= 4 ? 4 : shrink >= 2 ? 2 : 1;
        return factor > 1 && (int)shrink == factor ? factor / 2 : factor;
    }

    /// <summary>Loader options for thumbnail_buffer: truncated or damaged data fails instead of rendering grey
    /// bands; animated sources load <paramref name="frames"/> pages.</summary>
    private static string LoaderOptions(string format, int frames)
    {
        var options = format is "svg" ? "" : "fail_on=truncated";
        return frames > 1 ? options + ",n=" + frames.ToString(CultureInfo.InvariantCulture) : options;
    }

    /// <summary>Computes every pixel now into memory, so several outputs can share one decode.</summary>
    public static VipsImageHandle CopyMemory(VipsImageHandle image)
    {
        var copy = VipsImageNative.VipsImageCopyMemory(image);
        return copy == IntPtr.Zero ? throw VipsException.FromBuffer("copy_memory") : new VipsImageHandle(copy);
    }

    /// <summary>An operation with one image in and one image ("out") back; <paramref name="inputName"/> is "in"
    /// for most operations ("input" for extract_area).</summary>
    public static VipsImageHandle Unary(string operation, VipsImageHandle input, Action<VipsOperation>? configure = null, string inputName = "in")
    {
        using var op = VipsOperation.Create(operation).Set(inputName, input);
        configure?.Invoke(op);
        return op.Build().GetImage("out");
    }

    /// <summary>Converts anything (CMYK, 16-bit, Lab, grey16) to 8-bit sRGB or 8-bit greyscale, and an embedded
    /// ICC profile to sRGB, so stripping metadata on save loses no colour information.</summary>
    public static void ToSrgb8(ImageChain chain)
    {
        if (VipsImageNative.VipsImageGetTypeof(chain.Current, "icc-profile-data") != IntPtr.Zero)
        {
            chain.Then("icc_transform", op => op.Set("output_profile", "srgb").Set("embedded", true).Set("intent", "perceptual"));
        }

        var interpretation = (Interpretation)VipsImageNative.VipsImageGetInterpretation(chain.Current);
        if (VipsImageNative.VipsImageGetFormat(chain.Current) == 0 && interpretation is Interpretation.Srgb or Interpretation.BW)
        {
            return;
        }

        var target = interpretation is Interpretation.BW or Interpretation.Grey16 ? "b-w" : "srgb";
        chain.Then("colourspace", op => op.Set("space", target));
        if (VipsImageNative.VipsImageGetFormat(chain.Current) != 0)
        {
            chain.Then("cast", op => op.Set("format", "uchar"));
        }
    }

    /// <summary>libvips VipsInterpretation values the pipeline distinguishes.</summary>
    private enum Interpretation
    {
        BW = 1,
        Srgb = 22,
        Grey16 = 26,
    }
}
