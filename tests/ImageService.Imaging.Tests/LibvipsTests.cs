namespace ImageService.Imaging.Tests;

public class LibvipsTests
{
    [Fact]
    public void TheBundledLibvipsLoadsAndReportsItsVersion()
    {
        Assert.Equal("8.18.7", VipsImageProcessor.LibvipsVersion);
        Assert.Equal(Libvips.Version, VipsImageProcessor.LibvipsVersion);
    }

    [Fact]
    public void SupportedFormatsReflectTheBuild()
    {
        Assert.Equal(["jpeg", "png", "webp", "gif", "avif", "heif", "tiff", "svg"], Libvips.InputFormats);
        Assert.Equal(["jpeg", "png", "webp", "avif", "gif"], Libvips.OutputFormats);
    }

    [Theory]
    [InlineData(1.0, 1)]
    [InlineData(1.9, 1)]
    [InlineData(2.0, 1)]
    [InlineData(2.5, 1)]
    [InlineData(3.0, 2)]
    [InlineData(3.56, 2)]
    [InlineData(4.0, 2)]
    [InlineData(5.0, 4)]
    [InlineData(4.5, 2)]
    [InlineData(8.0, 4)]
    [InlineData(8.9, 4)]
    [InlineData(9.5, 8)]
    [InlineData(40, 8)]
    public void JpegShrinkOnLoadTakesTheLargestSafeFactor(double shrink, int expected) =>
        Assert.Equal(expected, ImageOps.JpegShrink(shrink));

    [Fact]
    public void AnUnknownOperationIsAProgrammingErrorNotABadImage() =>
        Assert.Throws<InvalidOperationException>(() => VipsOperation.Create("no_such_operation"));

    [Fact]
    public void FailedOperationsCarryLibvipsErrorText()
    {
        using var op = VipsOperation.Create("black").Set("width", 10).Set("height", 10);
        using var image = op.Build().GetImage("out");

        var error = Assert.Throws<VipsException>(() => ImageOps.Unary("extract_area", image, o => o.Set("left", 5).Set("top", 5).Set("width", 50).Set("height", 50), "input"));
        Assert.Contains("extract_area", error.Message, StringComparison.Ordinal);
        Assert.Contains("bad extract area", error.Message, StringComparison.Ordinal);
    }
}
