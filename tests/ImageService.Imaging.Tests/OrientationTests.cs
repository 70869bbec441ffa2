using ImageService.Core.Imaging;

namespace ImageService.Imaging.Tests;

/// <summary>All eight EXIF orientations are applied: the output looks the way a viewer shows the original.</summary>
public class OrientationTests
{
    private static readonly Dictionary<string, double[]> Colours = new()
    {
        ["red"] = TestImages.Red,
        ["green"] = TestImages.Green,
        ["blue"] = TestImages.Blue,
        ["white"] = TestImages.White,
    };

    /// <param name="displayedTopLeft">Colour of the stored quadrant that a viewer shows at the top left, etc.
    /// Stored: red top-left, green top-right, blue bottom-left, white bottom-right, 80×40.</param>
    [Theory]
    [InlineData(1, "red", "green", "blue", "white")]
    [InlineData(2, "green", "red", "white", "blue")]
    [InlineData(3, "white", "blue", "green", "red")]
    [InlineData(4, "blue", "white", "red", "green")]
    [InlineData(5, "red", "blue", "green", "white")]
    [InlineData(6, "blue", "red", "white", "green")]
    [InlineData(7, "white", "green", "blue", "red")]
    [InlineData(8, "green", "white", "red", "blue")]
    public void OrientationIsAppliedAndRemoved(int orientation, string displayedTopLeft, string displayedTopRight, string displayedBottomLeft, string displayedBottomRight)
    {
        using var stored = TestImages.Quadrants(80, 40);
        using var tagged = TestImages.WithOrientation(stored, orientation);
        var source = TestImages.Save(tagged, "jpegsave_buffer", op => op.Set("Q", 95));
        var swapsSides = orientation >= 5;
        var (width, height) = swapsSides ? (40, 80) : (80, 40);
        var processor = new VipsImageProcessor(new ImagingOptions());
        Assert.Equal((width, height), (processor.Probe(source).Width, processor.Probe(source).Height));

        var result = processor.Transform(source, new TransformSpec { Format = OutputFormat.Png }, new TransformContext());

        OutputAssert.IsClean(result, "png", width, height);
        OutputAssert.PixelNear(result.Bytes, width / 4, height / 4, Colours[displayedTopLeft]);
        OutputAssert.PixelNear(result.Bytes, width * 3 / 4, height / 4, Colours[displayedTopRight]);
        OutputAssert.PixelNear(result.Bytes, width / 4, height * 3 / 4, Colours[displayedBottomLeft]);
        OutputAssert.PixelNear(result.Bytes, width * 3 / 4, height * 3 / 4, Colours[displayedBottomRight]);
    }
}
