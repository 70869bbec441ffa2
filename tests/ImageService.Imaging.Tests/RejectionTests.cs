using System.IO.Compression;
using System.Text;
using ImageService.Core.Imaging;
using ImageService.Tests.Shared;

namespace ImageService.Imaging.Tests;

/// <summary>Bad input fails with a distinct, typed reason before (or instead of) decoding pixels.</summary>
public class RejectionTests
{
    private readonly VipsImageProcessor _processor = new(new ImagingOptions());

    private void Transform(byte[] bytes) => _processor.Transform(bytes, new TransformSpec { Width = 100 }, new TransformContext());

    [Fact]
    public void ZeroBytesAreAnEmptyImage()
    {
        Assert.Throws<EmptyImageException>(() => Transform([]));
        Assert.Throws<EmptyImageException>(() => _processor.ProcessUpload(ReadOnlyMemory<byte>.Empty));
    }

    [Fact]
    public void RandomBytesAreNotRecognised()
    {
        var noise = new byte[4096];
        new Random(1234).NextBytes(noise);
        noise[0] = 0x42;

        Assert.Throws<UnrecognizedImageFormatException>(() => Transform(noise));
        Assert.Throws<UnrecognizedImageFormatException>(() => _processor.Probe(noise));
    }

    [Fact]
    public void TruncatedJpegIsCorrupt()
    {
        using var noise = TestImages.Run("gaussnoise", op => op.Set("width", 512).Set("height", 512));
        var jpeg = TestImages.Save(noise, "jpegsave_buffer");

        var truncated = jpeg.AsSpan(0, jpeg.Length / 2).ToArray();

        var error = Assert.Throws<CorruptImageException>(() => Transform(truncated));
        Assert.IsType<VipsException>(error.InnerException);
        Assert.Throws<CorruptImageException>(() => _processor.ProcessUpload(truncated));
    }

    [Fact]
    public void ImageSignatureFollowedByGarbageIsCorrupt()
    {
        var bytes = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4, 5, 6, 7, 8, 9 };

        Assert.Throws<CorruptImageException>(() => Transform(bytes));
    }

    [Fact]
    public void PdfIsRefusedWhateverItIsNamed()
    {
        // An upload called photo.jpg: the engine never sees the name, only these bytes.
        var pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

        var error = Assert.Throws<FormatNotAllowedException>(() => Transform(pdf));
        Assert.Equal("pdf", error.Format);
        Assert.Throws<FormatNotAllowedException>(() => new VipsImageProcessor(new ImagingOptions { AllowPdf = true }).Transform(pdf, new TransformSpec(), new TransformContext()));
    }

    private static readonly byte[] Svg = Encoding.UTF8.GetBytes(
        "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"40\" height=\"20\"><rect width=\"40\" height=\"20\" fill=\"#ff0000\"/></svg>");

    [Fact]
    public void SvgIsRefusedByDefault()
    {
        var error = Assert.Throws<FormatNotAllowedException>(() => Transform(Svg));
        Assert.Equal("svg", error.Format);
    }

    [RequiresCodecFact("svgload_buffer")]
    public void SvgRendersWhenEnabled()
    {
        var processor = new VipsImageProcessor(new ImagingOptions { AllowSvg = true });

        var result = processor.Transform(Svg, new TransformSpec { Width = 80 }, new TransformContext());

        OutputAssert.IsClean(result, "png", 80, 40);
        OutputAssert.PixelNear(result.Bytes, 40, 20, [255, 0, 0, 255], 2);
    }

    [Fact]
    public void A400MegapixelPngIsRefusedFromItsHeader()
    {
        var bomb = PngBomb(20000, 20000);
        Assert.True(bomb.Length < 200, "the file itself is tiny");

        var error = Assert.Throws<PixelLimitExceededException>(() => Transform(bomb));
        Assert.Equal(400_000_000, error.Pixels);
        Assert.Equal(50_000_000, error.Limit);
        Assert.Throws<PixelLimitExceededException>(() => _processor.ProcessUpload(bomb));
        Assert.Throws<PixelLimitExceededException>(() => _processor.Probe(bomb));
    }

    [Fact]
    public void ThePixelLimitIsConfigurable()
    {
        using var image = TestImages.Solid(300, 200, TestImages.Red);
        var png = TestImages.Save(image, "pngsave_buffer");
        var strict = new VipsImageProcessor(new ImagingOptions { MaxPixels = 59_999 });

        Assert.Throws<PixelLimitExceededException>(() => strict.Transform(png, new TransformSpec(), new TransformContext()));
        Assert.Equal(300, _processor.Transform(png, new TransformSpec(), new TransformContext()).Width);
    }

    /// <summary>A valid PNG signature and IHDR (with correct CRC) declaring the size, and a tiny IDAT.</summary>
    private static byte[] PngBomb(int width, int height)
    {
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(new byte[64]);
        }

        return PngFiles.Build(width, height, colourType: 2, compressed.ToArray());
    }
}
