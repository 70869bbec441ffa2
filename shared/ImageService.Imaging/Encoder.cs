using ImageService.Core.Imaging;

namespace ImageService.Imaging;

/// <summary>
/// Writes the final image. Settings match sharp's documented defaults so benchmarks compare the same work:
/// JPEG q80 with optimised Huffman coding and 4:2:0 chroma, WebP q80 effort 4, AVIF q60 (AV1 in HEIF) effort 4,
/// PNG zlib level 6. Every save drops all metadata (EXIF, GPS, XMP, IPTC, ICC); pixels are already sRGB.
/// </summary>
internal static class Encoder
{
    public static int DefaultQuality(string format) => format switch
    {
        OutputFormats.Avif => 60,
        _ => 80,
    };

    /// <summary>libwebp's effort when the caller gives none: libvips' and sharp's default.</summary>
    public const int DefaultWebpEffort = 4;

    public static byte[] Save(ImageChain chain, string format, int? quality, int webpEffort = DefaultWebpEffort)
    {
        var q = quality ?? DefaultQuality(format);
        using var op = VipsOperation.Create(SaverFor(format)).Set("in", chain.Current).Set("keep", "none");
        switch (format)
        {
            case OutputFormats.Jpeg:
                op.Set("Q", q).Set("optimize_coding", true);
                break;
            case OutputFormats.Png:
                op.Set("compression", 6);
                break;
            case OutputFormats.Webp:
                op.Set("Q", q);
                if (webpEffort != DefaultWebpEffort)
                {
                    op.Set("effort", webpEffort);
                }

                break;
            case OutputFormats.Avif:
                op.Set("Q", q).Set("compression", "av1").Set("bitdepth", 8);
                break;
        }

        return op.Build().GetBytes("buffer");
    }

    public static string SaverFor(string format) => format switch
    {
        OutputFormats.Jpeg => "jpegsave_buffer",
        OutputFormats.Png => "pngsave_buffer",
        OutputFormats.Webp => "webpsave_buffer",
        OutputFormats.Avif => "heifsave_buffer",
        OutputFormats.Gif => "gifsave_buffer",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "unknown output format"),
    };

    /// <summary>Whether the format can carry an alpha channel; others get alpha flattened onto the background.</summary>
    public static bool SupportsAlpha(string format) => format is not OutputFormats.Jpeg;
}
