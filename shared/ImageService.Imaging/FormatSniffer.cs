using System.Text;

namespace ImageService.Imaging;

/// <summary>Recognises input formats from their leading bytes; names and Content-Types are never trusted.</summary>
internal static class FormatSniffer
{
    /// <summary>The format token (jpeg, png, webp, gif, avif, heif, tiff, svg, pdf) or null when unrecognised.</summary>
    public static string? Sniff(ReadOnlySpan<byte> data)
    {
        if (data.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return "jpeg";
        }

        if (data.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return "png";
        }

        if (data.StartsWith("GIF87a"u8) || data.StartsWith("GIF89a"u8))
        {
            return "gif";
        }

        if (data.Length >= 12 && data.StartsWith("RIFF"u8) && data[8..12].SequenceEqual("WEBP"u8))
        {
            return "webp";
        }

        if (data.StartsWith("II*\0"u8) || data.StartsWith("MM\0*"u8))
        {
            return "tiff";
        }

        if (data.Length >= 12 && data[4..8].SequenceEqual("ftyp"u8))
        {
            return IsoBmffBrand(data);
        }

        var text = SkipBomAndSpace(data);
        if (text.StartsWith("%PDF-"u8))
        {
            return "pdf";
        }

        return LooksLikeSvg(text) ? "svg" : null;
    }

    /// <summary>HEIF-family files: the major brand, then compatible brands, tell AVIF (AV1) from HEIC (HEVC).</summary>
    private static string? IsoBmffBrand(ReadOnlySpan<byte> data)
    {
        var boxSize = (int)Math.Min((uint)(data[0] << 24 | data[1] << 16 | data[2] << 8 | data[3]), (uint)data.Length);
        string? family = null;
        for (var offset = 8; offset + 4 <= boxSize; offset += offset == 8 ? 8 : 4)
        {
            var brand = Encoding.ASCII.GetString(data.Slice(offset, 4));
            switch (brand)
            {
                case "avif" or "avis":
                    return "avif";
                case "heic" or "heix" or "hevc" or "hevx" or "heim" or "heis" or "mif1" or "msf1":
                    family ??= "heif";
                    break;
            }
        }

        return family;
    }

    private static ReadOnlySpan<byte> SkipBomAndSpace(ReadOnlySpan<byte> data)
    {
        if (data.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            data = data[3..];
        }

        var i = 0;
        while (i < data.Length && i < 1024 && data[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            i++;
        }

        return data[i..];
    }

    /// <summary>XML-ish text with an svg root element near the start (after an optional prolog, comments, doctype).</summary>
    private static bool LooksLikeSvg(ReadOnlySpan<byte> text)
    {
        if (text.IsEmpty || text[0] != (byte)'<')
        {
            return false;
        }

        var head = text[..Math.Min(text.Length, 4096)];
        return head.IndexOf("<svg"u8) >= 0;
    }
}
