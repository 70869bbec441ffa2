using ImageService.Core.Imaging;

namespace ImageService.Imaging.Tests;

public class ProcessUploadTests
{
    private readonly VipsImageProcessor _processor = new(new ImagingOptions());

    [Fact]
    public void LargeUploadGetsA2048DisplayWebpAndA400Thumbnail()
    {
        using var quadrants = TestImages.Quadrants(3000, 2000);
        using var tagged = TestImages.WithGpsExif(quadrants);
        var original = TestImages.Save(tagged, "jpegsave_buffer");

        var result = _processor.ProcessUpload(original);

        Assert.Equal(new ImageInfo("jpeg", 3000, 2000, false, 1), result.Original);
        OutputAssert.IsClean(result.Display, "webp", 2048, 1365);
        OutputAssert.IsClean(result.Thumbnail, "webp", 400, 267);
        OutputAssert.PixelNear(result.Thumbnail.Bytes, 50, 50, TestImages.Red);
    }

    [Fact]
    public void SmallUploadIsNeverUpscaled()
    {
        using var image = TestImages.Quadrants(300, 200);
        var original = TestImages.Save(image, "pngsave_buffer");

        var result = _processor.ProcessUpload(original);

        OutputAssert.IsClean(result.Display, "webp", 300, 200);
        OutputAssert.IsClean(result.Thumbnail, "webp", 300, 200);
    }

    [Fact]
    public void PortraitOrientationIsAppliedToBothRenditions()
    {
        using var image = TestImages.Quadrants(800, 400);
        using var tagged = TestImages.WithOrientation(image, 6);
        var original = TestImages.Save(tagged, "jpegsave_buffer");

        var result = _processor.ProcessUpload(original);

        Assert.Equal((400, 800), (result.Original.Width, result.Original.Height));
        OutputAssert.IsClean(result.Display, "webp", 400, 800);
        OutputAssert.IsClean(result.Thumbnail, "webp", 200, 400);
        OutputAssert.PixelNear(result.Thumbnail.Bytes, 150, 50, TestImages.Red);
    }

    [Fact]
    public void RenditionsAreEncodedWithTheConfiguredWebpEffort()
    {
        // libwebp's effort decides how it searches for a coding, so an ignored setting would give identical bytes.
        using var noise = TestImages.Noise(1200, 800);
        var original = TestImages.Save(noise, "pngsave_buffer");

        var fast = new VipsImageProcessor(new ImagingOptions { RenditionWebpEffort = 0 }).ProcessUpload(original);
        var thorough = new VipsImageProcessor(new ImagingOptions { RenditionWebpEffort = 6 }).ProcessUpload(original);

        OutputAssert.IsClean(fast.Display, "webp", 1200, 800);
        OutputAssert.IsClean(thorough.Thumbnail, "webp", 400, 267);
        Assert.NotEqual(fast.Display.Bytes, thorough.Display.Bytes);
        Assert.NotEqual(fast.Thumbnail.Bytes, thorough.Thumbnail.Bytes);
    }
}
