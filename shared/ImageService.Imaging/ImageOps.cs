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

    public static VipsImageHandle LoadHeader(PinnedSource source, string format)
    {
        using var op = VipsOperation.Create(LoaderFor(format))
            .Set("buffer", source.Blob)
            .Set("access", "sequential")
            .Build();
        return op.GetImage("out");
    }

    /// <summary>Shrink-on-load resize (and EXIF autorotate) straight from the encoded buffer.</summary>
    public static VipsImageHandle Thumbnail(PinnedSource source, int width, int height, string size, string? crop, string loaderOptions)
    {
        using var op = VipsOperation.Create("thumbnail_buffer")
            .Set("buffer", source.Blob)
            .Set("width", width)
            .Set("height", height)
            .Set("size", size)
            .Set("option_string", loaderOptions);
        if (crop is not null)
        {
            op.Set("crop", crop);
        }

        return op.Build().GetImage("out");
    }

    public static VipsImageHandle ThumbnailImage(VipsImageHandle input, int width, int height)
    {
        using var op = VipsOperation.Create("thumbnail_image")
            .Set("in", input)
            .Set("width", width)
            .Set("height", height)
            .Set("size", "down")
            .Build();
        return op.GetImage("out");
    }

    /// <summary>Computes every pixel now into memory, so several outputs can share one decode.</summary>
    public static VipsImageHandle CopyMemory(VipsImageHandle image)
    {
        var copy = VipsImageNative.VipsImageCopyMemory(image);
        return copy == IntPtr.Zero ? throw VipsException.FromBuffer("copy_memory") : new VipsImageHandle(copy);
    }

    public static VipsImageHandle Unary(string operation, VipsImageHandle input, Action<VipsOperation>? configure = null)
    {
        using var op = VipsOperation.Create(operation).Set("in", input);
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
