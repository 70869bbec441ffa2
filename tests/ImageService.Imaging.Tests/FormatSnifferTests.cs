using System.Text;

namespace ImageService.Imaging.Tests;

public class FormatSnifferTests
{
    [Theory]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10 }, "jpeg")]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0 }, "png")]
    [InlineData(new byte[] { (byte)'G', (byte)'I', (byte)'F', (byte)'8', (byte)'9', (byte)'a' }, "gif")]
    [InlineData(new byte[] { (byte)'I', (byte)'I', 42, 0, 8, 0, 0, 0 }, "tiff")]
    [InlineData(new byte[] { (byte)'M', (byte)'M', 0, 42, 0, 0, 0, 8 }, "tiff")]
    public void BinarySignaturesAreRecognised(byte[] bytes, string expected) =>
        Assert.Equal(expected, FormatSniffer.Sniff(bytes));

    [Theory]
    [InlineData("RIFF\u0010\0\0\0WEBPVP8 ", "webp")]
    [InlineData("\0\0\0\u001cftypavif\0\0\0\0avifmif1miaf", "avif")]
    [InlineData("\0\0\0\u0018ftypmif1\0\0\0\0mif1avif", "avif")]
    [InlineData("\0\0\0\u0018ftypheic\0\0\0\0mif1heic", "heif")]
    [InlineData("%PDF-1.7\n%", "pdf")]
    [InlineData("\n  <?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>", "svg")]
    [InlineData("<svg width=\"10\" height=\"10\"></svg>", "svg")]
    public void TextualAndBoxedSignaturesAreRecognised(string text, string expected) =>
        Assert.Equal(expected, FormatSniffer.Sniff(Encoding.Latin1.GetBytes(text)));

    [Theory]
    [InlineData("hello world")]
    [InlineData("<html><body>no image</body></html>")]
    [InlineData("RIFF\u0010\0\0\0WAVEfmt ")]
    [InlineData("\0\0\0\u0018ftypisom\0\0\0\0isommp41")]
    public void OtherContentIsNotAnImage(string text) =>
        Assert.Null(FormatSniffer.Sniff(Encoding.Latin1.GetBytes(text)));
}
