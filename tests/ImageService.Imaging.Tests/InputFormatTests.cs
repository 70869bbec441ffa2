using ImageService.Core.Imaging;
using ImageService.Imaging.Interop;

namespace ImageService.Imaging.Tests;

/// <summary>Each input family decodes, resizes, lands in sRGB 8-bit and leaves no metadata behind.</summary>
public class InputFormatTests
{
    private readonly VipsImageProcessor _processor = new(new ImagingOptions());

    private static byte[] QuadrantsAs(string saver, Action<VipsOperation>? configure = null, int width = 600, int height = 400)
    {
        using var image = TestImages.Quadrants(width, height);
        return TestImages.Save(image, saver, configure);
    }

    private RenderedImage Render(byte[] source, TransformSpec spec) => _processor.Transform(source, spec, new TransformContext());

    [Fact]
    public void BaselineJpegWithGpsExifBecomesAResizedJpegWithoutExif()
    {
        using var quadrants = TestImages.Quadrants(600, 400);
        using var withGps = TestImages.WithGpsExif(quadrants);
        var source = TestImages.Save(withGps, "jpegsave_buffer", op => op.Set("Q", 95));
        using (var check = TestImages.Decode(source))
        {
            Assert.Contains("exif-ifd3-GPSLatitudeRef", TestImages.Fields(check));
        }

        var result = Render(source, new TransformSpec { Width = 300 });

        OutputAssert.IsClean(result, "jpeg", 300, 200);
        OutputAssert.PixelNear(result.Bytes, 40, 40, TestImages.Red);
        OutputAssert.PixelNear(result.Bytes, 260, 160, TestImages.White);
    }

    [Fact]
    public void ProgressiveJpegDecodes()
    {
        var source = QuadrantsAs("jpegsave_buffer", op => op.Set("interlace", true));
        Assert.True(source.AsSpan().IndexOf((ReadOnlySpan<byte>)[0xFF, 0xC2]) > 0, "the test input should be progressive (SOF2)");

        var result = Render(source, new TransformSpec { Width = 150, Format = OutputFormat.Webp });

        OutputAssert.IsClean(result, "webp", 150, 100);
        OutputAssert.PixelNear(result.Bytes, 110, 20, TestImages.Green);
    }

    [Fact]
    public void PngAlphaSurvivesToPngAndIsFlattenedOntoTheBackgroundForJpeg()
    {
        using var opaque = TestImages.Solid(200, 100, TestImages.Red);
        using var withAlpha = TestImages.Run("bandjoin_const", op => op.Set("in", opaque).Set("c", [128.0]));
        var source = TestImages.Save(withAlpha, "pngsave_buffer");

        var png = Render(source, new TransformSpec { Width = 100 });
        OutputAssert.IsClean(png, "png", 100, 50);
        OutputAssert.PixelNear(png.Bytes, 50, 25, [255, 0, 0, 128], 2);

        var jpeg = Render(source, new TransformSpec { Width = 100, Format = OutputFormat.Jpeg, Background = "0000ff" });
        OutputAssert.IsClean(jpeg, "jpeg", 100, 50);
        OutputAssert.PixelNear(jpeg.Bytes, 50, 25, [128, 0, 127], 20);
    }

    [Fact]
    public void SixteenBitPngBecomesEightBitSrgb()
    {
        using var quadrants = TestImages.Quadrants(600, 400);
        using var scaled = TestImages.Run("linear", op => op.Set("in", quadrants).Set("a", [257.0]).Set("b", [0.0]));
        using var wide = TestImages.Run("cast", op => op.Set("in", scaled).Set("format", "ushort"));
        using var rgb16 = TestImages.Run("copy", op => op.Set("in", wide).Set("interpretation", "rgb16"));
        var source = TestImages.Save(rgb16, "pngsave_buffer", op => op.Set("bitdepth", 16));
        Assert.Equal(16, source[24]); // IHDR bit depth

        var result = Render(source, new TransformSpec { Width = 300, Format = OutputFormat.Png });

        OutputAssert.IsClean(result, "png", 300, 200);
        Assert.Equal(8, result.Bytes[24]);
        OutputAssert.PixelNear(result.Bytes, 40, 40, TestImages.Red, 2);
    }

    [Fact]
    public void CmykJpegBecomesSrgb()
    {
        // Pure cyan ink (C=100%): in sRGB, blue and green are high and red is low.
        using var cyan = TestImages.Solid(300, 200, [255, 0, 0, 0]);
        using var cmyk = TestImages.Run("copy", op => op.Set("in", cyan).Set("interpretation", "cmyk"));
        var source = TestImages.Save(cmyk, "jpegsave_buffer");
        using (var check = TestImages.Decode(source))
        {
            Assert.Equal(4, TestImages.Bands(check));
        }

        var result = Render(source, new TransformSpec { Width = 150 });

        OutputAssert.IsClean(result, "jpeg", 150, 100);
        using var decoded = TestImages.Decode(result.Bytes);
        Assert.Equal(3, TestImages.Bands(decoded));
        var pixel = TestImages.Pixel(decoded, 75, 50);
        Assert.True(pixel[0] < 80 && pixel[2] > 180, $"cyan came out as [{string.Join(", ", pixel)}]");
    }

    [RequiresCodecFact("webpsave_buffer", "webpload_buffer")]
    public void WebpDecodes()
    {
        var result = Render(QuadrantsAs("webpsave_buffer"), new TransformSpec { Width = 300, Height = 300, Format = OutputFormat.Jpeg });

        OutputAssert.IsClean(result, "jpeg", 300, 300);
        OutputAssert.PixelNear(result.Bytes, 20, 20, TestImages.Red);
    }

    [RequiresCodecFact("heifsave_buffer", "heifload_buffer")]
    public void AvifDecodesAndEncodes()
    {
        var source = QuadrantsAs("heifsave_buffer", op => op.Set("compression", "av1"));
        Assert.Equal("avif", FormatSniffer.Sniff(source));

        var result = Render(source, new TransformSpec { Width = 120 });

        OutputAssert.IsClean(result, "avif", 120, 80);
        OutputAssert.PixelNear(result.Bytes, 100, 70, TestImages.White);
    }

    [Fact]
    public void TiffDecodesAndDefaultsToJpegOutput()
    {
        var result = Render(QuadrantsAs("tiffsave_buffer"), new TransformSpec { Width = 60 });

        OutputAssert.IsClean(result, "jpeg", 60, 40);
    }

    [RequiresCodecFact("gifsave_buffer", "gifload_buffer")]
    public void AnimatedGifStaysAnimatedForGifOutputAndUsesTheFirstFrameOtherwise()
    {
        using var first = TestImages.Solid(100, 50, TestImages.Red);
        using var second = TestImages.Solid(100, 50, TestImages.Blue);
        using var strip = TestImages.Run("join", op => op.Set("in1", first).Set("in2", second).Set("direction", "vertical"));
        using var animated = TestImages.Run("copy", op => op.Set("in", strip));
        VipsImageNative.VipsImageSetInt(animated, "page-height", 50);
        var source = TestImages.Save(animated, "gifsave_buffer");
        Assert.Equal(2, _processor.Probe(source).Pages);

        var gif = Render(source, new TransformSpec { Width = 50 });
        OutputAssert.IsClean(gif, "gif", 50, 25);
        using (var frames = TestImages.Decode(gif.Bytes))
        {
            Assert.Equal(50, TestImages.Height(frames));
        }

        OutputAssert.PixelNear(gif.Bytes, 25, 37, TestImages.Blue);

        var still = Render(source, new TransformSpec { Width = 50, Format = OutputFormat.Png });
        OutputAssert.IsClean(still, "png", 50, 25);
        OutputAssert.PixelNear(still.Bytes, 25, 12, TestImages.Red);
    }

    [RequiresCodecFact("webpsave_buffer", "webpload_buffer")]
    public void AnimatedWebpKeepsItsFramesWhenResized()
    {
        using var first = TestImages.Solid(200, 100, TestImages.Red);
        using var second = TestImages.Solid(200, 100, TestImages.Blue);
        using var strip = TestImages.Run("join", op => op.Set("in1", first).Set("in2", second).Set("direction", "vertical"));
        using var animated = TestImages.Run("copy", op => op.Set("in", strip));
        VipsImageNative.VipsImageSetInt(animated, "page-height", 100);
        var source = TestImages.Save(animated, "webpsave_buffer");

        var result = Render(source, new TransformSpec { Width = 50 });

        OutputAssert.IsClean(result, "webp", 50, 25);
        using var frames = TestImages.Decode(result.Bytes);
        Assert.Equal(50, TestImages.Height(frames));
        OutputAssert.PixelNear(result.Bytes, 25, 37, TestImages.Blue);
    }

    [Fact]
    public void EmbeddedIccProfileIsConvertedToSrgbBeforeItIsStripped()
    {
        // Red encoded in Display P3 reads about (234, 51, 35); shown correctly, it is sRGB red again.
        using var red = TestImages.Solid(200, 100, TestImages.Red);
        using var srgb = TestImages.Run("copy", op => op.Set("in", red).Set("interpretation", "srgb"));
        using var p3 = TestImages.Run("icc_transform", op => op.Set("in", srgb).Set("output_profile", "p3").Set("input_profile", "srgb"));
        var source = TestImages.Save(p3, "pngsave_buffer");
        using (var check = TestImages.Decode(source))
        {
            Assert.Contains("icc-profile-data", TestImages.Fields(check));
            Assert.True(TestImages.Pixel(check, 10, 10)[1] > 30, "the source pixels should be P3-encoded");
        }

        var result = Render(source, new TransformSpec { Width = 100 });

        OutputAssert.IsClean(result, "png", 100, 50);
        OutputAssert.PixelNear(result.Bytes, 50, 25, TestImages.Red, 8);
    }
}
