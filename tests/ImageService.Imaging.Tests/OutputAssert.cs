using System.Text;
using ImageService.Core.Imaging;

namespace ImageService.Imaging.Tests;

internal static class OutputAssert
{
    /// <summary>The rendered bytes are <paramref name="format"/> by their magic bytes, have the reported size,
    /// and carry no EXIF, GPS, XMP or ICC metadata.</summary>
    public static void IsClean(RenderedImage image, string format, int width, int height)
    {
        Assert.Equal(format, image.Format);
        Assert.Equal(format, FormatSniffer.Sniff(image.Bytes));
        Assert.Equal(OutputFormats.ContentType(format), image.ContentType);
        Assert.Equal((width, height), (image.Width, image.Height));
        Assert.Equal(-1, image.Bytes.AsSpan().IndexOf("Exif\0\0"u8));
        Assert.Equal(-1, image.Bytes.AsSpan().IndexOf("http://ns.adobe.com/xap"u8));
        using var decoded = TestImages.Decode(image.Bytes);
        Assert.Equal(width, TestImages.Width(decoded));
        var fields = TestImages.Fields(decoded);
        Assert.DoesNotContain(fields, f => f.StartsWith("exif-", StringComparison.Ordinal) || f.StartsWith("xmp", StringComparison.Ordinal)
            || f == "icc-profile-data" || f.Contains("GPS", StringComparison.Ordinal) || f == "orientation");
    }

    /// <summary>Asserts a pixel is close to <paramref name="expected"/> (lossy codecs move colours a little).</summary>
    public static void PixelNear(byte[] encoded, int x, int y, double[] expected, double tolerance = 40)
    {
        using var decoded = TestImages.Decode(encoded);
        var actual = TestImages.Pixel(decoded, x, y);
        var close = expected.Select((e, i) => Math.Abs(e - actual[i]) <= tolerance).All(ok => ok);
        Assert.True(close, $"pixel ({x},{y}) is [{string.Join(", ", actual)}], expected about [{string.Join(", ", expected)}]");
    }

    public static string Describe(byte[] bytes) => Encoding.ASCII.GetString(bytes.AsSpan(0, Math.Min(16, bytes.Length)));
}
