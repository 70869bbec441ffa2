using ImageService.Core.Imaging;

namespace ImageService.Imaging.Tests;

/// <summary>Fit modes, gravity, rotation, mirroring, blur, quality, dpr and format choice on a real image.</summary>
public class TransformOperationTests
{
    private readonly VipsImageProcessor _processor = new(new ImagingOptions());
    private static readonly byte[] Quadrants = QuadrantsPng(400, 200);

    private static byte[] QuadrantsPng(int width, int height)
    {
        using var image = TestImages.Quadrants(width, height);
        return TestImages.Save(image, "pngsave_buffer");
    }

    private RenderedImage Render(TransformSpec spec, TransformContext? context = null) =>
        _processor.Transform(Quadrants, spec, context ?? new TransformContext());

    [Fact]
    public void CoverCropsToTheExactBoxAroundTheCentre()
    {
        var result = Render(new TransformSpec { Width = 100, Height = 100 });

        OutputAssert.IsClean(result, "png", 100, 100);
        OutputAssert.PixelNear(result.Bytes, 20, 20, TestImages.Red, 2);
        OutputAssert.PixelNear(result.Bytes, 80, 20, TestImages.Green, 2);
    }

    [Theory]
    [InlineData(Gravity.West, "red", "blue")]
    [InlineData(Gravity.East, "green", "white")]
    public void CoverKeepsTheSideNamedByGravity(Gravity gravity, string top, string bottom)
    {
        var result = Render(new TransformSpec { Width = 50, Height = 100, Gravity = gravity });

        OutputAssert.IsClean(result, "png", 50, 100);
        OutputAssert.PixelNear(result.Bytes, 25, 20, top == "red" ? TestImages.Red : TestImages.Green, 2);
        OutputAssert.PixelNear(result.Bytes, 25, 80, bottom == "blue" ? TestImages.Blue : TestImages.White, 2);
    }

    [Fact]
    public void FocusPointCentresTheCrop()
    {
        // 400×200 covers 20×40 at 80×40; a centred crop would straddle the red/green edge at x=40, the
        // focus point at x=0.75 moves it into the right half.
        var result = Render(new TransformSpec { Width = 20, Height = 40, Gravity = Gravity.FocusPoint, FocusX = 0.75, FocusY = 0.5 });

        OutputAssert.IsClean(result, "png", 20, 40);
        OutputAssert.PixelNear(result.Bytes, 5, 10, TestImages.Green, 2);
        OutputAssert.PixelNear(result.Bytes, 5, 30, TestImages.White, 2);
    }

    [Fact]
    public void SmartCropFollowsTheDetailedRegionNotTheCentre()
    {
        // Flat grey with a saturated red/yellow checkerboard at the far left. Covering 100×100 scales 400×200 to 200×100
        // and keeps 100 columns: a centred crop (50..150) misses the checkerboard (0..40), attention keeps it.
        var source = GreyWithCheckerboard();

        var result = _processor.Transform(source, new TransformSpec { Width = 100, Height = 100, Gravity = Gravity.Smart }, new TransformContext());
        var centred = _processor.Transform(source, new TransformSpec { Width = 100, Height = 100 }, new TransformContext());

        OutputAssert.IsClean(result, "png", 100, 100);
        using var smart = TestImages.Decode(result.Bytes);
        var detail = TestImages.Pixel(smart, 20, 50);
        Assert.True(detail[0] > 200 && detail[2] < 60, $"the checkerboard is in the crop: pixel (20,50) is [{string.Join(", ", detail)}]");
        OutputAssert.PixelNear(result.Bytes, 90, 50, Grey, 2);
        OutputAssert.PixelNear(centred.Bytes, 20, 50, Grey, 2);
    }

    private static readonly double[] Grey = [128, 128, 128];

    private static byte[] GreyWithCheckerboard()
    {
        var image = TestImages.Solid(400, 200, Grey);
        using var red = TestImages.Solid(10, 10, TestImages.Red);
        using var yellow = TestImages.Solid(10, 10, [255, 255, 0]);
        for (var row = 0; row < 8; row++)
        {
            for (var column = 0; column < 8; column++)
            {
                using var previous = image;
                var tile = (row + column) % 2 == 0 ? red : yellow;
                image = TestImages.Run("insert", op => op.Set("main", previous).Set("sub", tile).Set("x", column * 10).Set("y", 60 + (row * 10)));
            }
        }

        using (image)
        {
            return TestImages.Save(image, "pngsave_buffer");
        }
    }

    [Fact]
    public void ContainPadsWithTheBackground()
    {
        var result = Render(new TransformSpec { Width = 100, Height = 100, Fit = FitMode.Contain, Background = "00ff00", Format = OutputFormat.Jpeg });

        OutputAssert.IsClean(result, "jpeg", 100, 100);
        OutputAssert.PixelNear(result.Bytes, 50, 5, TestImages.Green);
        OutputAssert.PixelNear(result.Bytes, 20, 35, TestImages.Red);
    }

    [Fact]
    public void ContainPadsTransparentlyWhenTheFormatHasAlpha()
    {
        var result = Render(new TransformSpec { Width = 100, Height = 100, Fit = FitMode.Contain });

        OutputAssert.IsClean(result, "png", 100, 100);
        OutputAssert.PixelNear(result.Bytes, 50, 5, [0, 0, 0, 0], 1);
        OutputAssert.PixelNear(result.Bytes, 20, 35, [255, 0, 0, 255], 2);
    }

    [Theory]
    [InlineData(FitMode.Fill, 100, 100)]
    [InlineData(FitMode.Inside, 100, 50)]
    [InlineData(FitMode.Outside, 200, 100)]
    public void FitModesGiveTheirDimensions(FitMode fit, int width, int height) =>
        OutputAssert.IsClean(Render(new TransformSpec { Width = 100, Height = 100, Fit = fit }), "png", width, height);

    [Fact]
    public void DprMultipliesAndTheMaximumDimensionCaps()
    {
        OutputAssert.IsClean(Render(new TransformSpec { Width = 100, Dpr = 2 }), "png", 200, 100);
        OutputAssert.IsClean(Render(new TransformSpec { Width = 1000, Dpr = 3 }, new TransformContext(MaxDimension: 600)), "png", 600, 300);
    }

    [Fact]
    public void UpscalingIsAllowedWhenAsked() =>
        OutputAssert.IsClean(Render(new TransformSpec { Width = 800 }), "png", 800, 400);

    [Fact]
    public void RotationTurnsClockwise()
    {
        var result = Render(new TransformSpec { Width = 100, Rotate = 90 });

        OutputAssert.IsClean(result, "png", 100, 200);
        OutputAssert.PixelNear(result.Bytes, 75, 25, TestImages.Red, 2);
        OutputAssert.PixelNear(result.Bytes, 25, 25, TestImages.Blue, 2);
    }

    [Fact]
    public void FlipMirrorsVerticallyAndFlopHorizontally()
    {
        var flipped = Render(new TransformSpec { Flip = true });
        OutputAssert.PixelNear(flipped.Bytes, 50, 150, TestImages.Red, 2);

        var flopped = Render(new TransformSpec { Flop = true });
        OutputAssert.PixelNear(flopped.Bytes, 350, 50, TestImages.Red, 2);
    }

    [Fact]
    public void BlurSoftensTheQuadrantEdges()
    {
        var sharp = Render(new TransformSpec());
        var blurred = Render(new TransformSpec { Blur = 20 });

        OutputAssert.IsClean(blurred, "png", 400, 200);
        OutputAssert.PixelNear(sharp.Bytes, 198, 50, TestImages.Red, 2);
        using var decoded = TestImages.Decode(blurred.Bytes);
        var edge = TestImages.Pixel(decoded, 198, 50);
        Assert.True(edge[0] is > 60 and < 200 && edge[1] is > 60 and < 200, $"edge pixel [{string.Join(", ", edge)}] should mix red and green");
    }

    [Fact]
    public void LowerQualityGivesSmallerFiles()
    {
        using var noise = TestImages.Run("gaussnoise", op => op.Set("width", 256).Set("height", 256));
        var source = TestImages.Save(noise, "pngsave_buffer");
        var high = _processor.Transform(source, new TransformSpec { Quality = 95, Format = OutputFormat.Jpeg }, new TransformContext());
        var low = _processor.Transform(source, new TransformSpec { Quality = 20, Format = OutputFormat.Jpeg }, new TransformContext());

        Assert.True(low.Bytes.Length * 2 < high.Bytes.Length, $"q20 {low.Bytes.Length} bytes vs q95 {high.Bytes.Length} bytes");
    }

    [Theory]
    [InlineData(OutputFormat.Jpeg, "jpeg")]
    [InlineData(OutputFormat.Png, "png")]
    [InlineData(OutputFormat.Webp, "webp")]
    [InlineData(OutputFormat.Gif, "gif")]
    public void ExplicitFormatsAreWritten(OutputFormat format, string token) =>
        OutputAssert.IsClean(Render(new TransformSpec { Width = 50, Format = format }), token, 50, 25);

    [RequiresCodecFact("heifsave_buffer")]
    public void AutoPicksAvifWhenAcceptedAndAllowed()
    {
        var accept = "image/avif,image/webp,image/apng,image/*,*/*;q=0.8";

        OutputAssert.IsClean(Render(new TransformSpec { Width = 50, Format = OutputFormat.Auto }, new TransformContext(accept)), "avif", 50, 25);
        OutputAssert.IsClean(Render(new TransformSpec { Width = 50, Format = OutputFormat.Auto }, new TransformContext(accept, AllowAvif: false)), "webp", 50, 25);
        OutputAssert.IsClean(Render(new TransformSpec { Width = 50, Format = OutputFormat.Auto }, new TransformContext("image/*")), "jpeg", 50, 25);
    }

    [Fact]
    public void GreyscaleSourcesTakeAColouredBackground()
    {
        using var grey = TestImages.Solid(200, 100, [128]);
        using var withAlpha = TestImages.Run("bandjoin_const", op => op.Set("in", grey).Set("c", [255.0]));
        var source = TestImages.Save(withAlpha, "pngsave_buffer");

        var contained = _processor.Transform(source, new TransformSpec { Width = 100, Height = 100, Fit = FitMode.Contain, Background = "ff0000", Format = OutputFormat.Jpeg }, new TransformContext());

        OutputAssert.IsClean(contained, "jpeg", 100, 100);
        OutputAssert.PixelNear(contained.Bytes, 50, 5, TestImages.Red);
        OutputAssert.PixelNear(contained.Bytes, 50, 50, [128, 128, 128]);
    }

    [RequiresCodecFact("gifsave_buffer")]
    public void AnimatedSourceCroppedToCoverUsesItsFirstFrame()
    {
        using var first = TestImages.Quadrants(100, 50);
        using var second = TestImages.Solid(100, 50, TestImages.Blue);
        using var strip = TestImages.Run("join", op => op.Set("in1", first).Set("in2", second).Set("direction", "vertical"));
        using var animated = TestImages.Run("copy", op => op.Set("in", strip));
        ImageService.Imaging.Interop.VipsImageNative.VipsImageSetInt(animated, "page-height", 50);
        var source = TestImages.Save(animated, "gifsave_buffer");

        var result = _processor.Transform(source, new TransformSpec { Width = 30, Height = 30 }, new TransformContext());

        OutputAssert.IsClean(result, "gif", 30, 30);
        using var frames = TestImages.Decode(result.Bytes);
        Assert.Equal(30, TestImages.Height(frames));
        OutputAssert.PixelNear(result.Bytes, 5, 5, TestImages.Red);
        OutputAssert.PixelNear(result.Bytes, 25, 5, TestImages.Green);
    }
}
