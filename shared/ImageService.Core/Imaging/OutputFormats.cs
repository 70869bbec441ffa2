namespace ImageService.Core.Imaging;

/// <summary>
/// Output format tokens (jpeg, png, webp, avif, gif), their MIME types and file extensions, and the choice of a
/// concrete format for <see cref="OutputFormat.Auto"/> and <see cref="OutputFormat.Original"/>.
/// </summary>
public static class OutputFormats
{
    public const string Jpeg = "jpeg";
    public const string Png = "png";
    public const string Webp = "webp";
    public const string Avif = "avif";
    public const string Gif = "gif";

    /// <summary>Every token the engine can write.</summary>
    public static IReadOnlyList<string> All { get; } = [Jpeg, Png, Webp, Avif, Gif];

    /// <summary>
    /// f=auto: AVIF when the Accept header lists image/avif and the plan allows it, else WebP when it lists
    /// image/webp, else PNG for images with alpha and JPEG otherwise. Wildcards (image/*, */*) do not count:
    /// browsers send them even when they cannot decode AVIF or WebP.
    /// </summary>
    public static string Negotiate(string? accept, bool allowAvif, bool hasAlpha)
    {
        if (allowAvif && Accepts(accept, "image/avif"))
        {
            return Avif;
        }

        if (Accepts(accept, "image/webp"))
        {
            return Webp;
        }

        return hasAlpha ? Png : Jpeg;
    }

    /// <summary>The concrete output token for a request. <paramref name="sourceFormat"/> is the sniffed input
    /// token; sources no browser shows natively (TIFF, HEIF, SVG, PDF) become PNG with alpha, JPEG otherwise.</summary>
    public static string Resolve(OutputFormat requested, string sourceFormat, bool hasAlpha, TransformContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return requested switch
        {
            OutputFormat.Jpeg => Jpeg,
            OutputFormat.Png => Png,
            OutputFormat.Webp => Webp,
            OutputFormat.Avif => Avif,
            OutputFormat.Gif => Gif,
            OutputFormat.Auto => Negotiate(context.Accept, context.AllowAvif, hasAlpha),
            _ => sourceFormat is Jpeg or Png or Webp or Avif or Gif ? sourceFormat : hasAlpha ? Png : Jpeg,
        };
    }

    /// <summary>Whether the Accept header explicitly lists <paramref name="mediaType"/> with a non-zero q.</summary>
    public static bool Accepts(string? accept, string mediaType)
    {
        if (string.IsNullOrEmpty(accept))
        {
            return false;
        }

        foreach (var range in accept.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = range.Split(';', StringSplitOptions.TrimEntries);
            if (!parts[0].Equals(mediaType, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var q = parts.Skip(1).FirstOrDefault(p => p.StartsWith("q=", StringComparison.OrdinalIgnoreCase));
            if (q is null || !double.TryParse(q.AsSpan(2), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var weight) || weight > 0)
            {
                return true;
            }
        }

        return false;
    }

    public static string ContentType(string format) => format switch
    {
        Jpeg => "image/jpeg",
        Png => "image/png",
        Webp => "image/webp",
        Avif => "image/avif",
        Gif => "image/gif",
        _ => throw new ArgumentException($"Unknown output format '{format}'.", nameof(format)),
    };

    public static string Extension(string format) => format switch
    {
        Jpeg => "jpg",
        Png => "png",
        Webp => "webp",
        Avif => "avif",
        Gif => "gif",
        _ => throw new ArgumentException($"Unknown output format '{format}'.", nameof(format)),
    };

    /// <summary>The f= value for a format ("auto" included), or null for <see cref="OutputFormat.Original"/>.</summary>
    public static string? Token(OutputFormat format) => format switch
    {
        OutputFormat.Jpeg => Jpeg,
        OutputFormat.Png => Png,
        OutputFormat.Webp => Webp,
        OutputFormat.Avif => Avif,
        OutputFormat.Gif => Gif,
        OutputFormat.Auto => "auto",
        _ => null,
    };
}
