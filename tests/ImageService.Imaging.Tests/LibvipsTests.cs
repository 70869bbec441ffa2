namespace ImageService.Imaging.Tests;

public class LibvipsTests
{
    [Fact]
    public void TheLoadedLibvipsIsTheBuildTheLockFileInstalls()
    {
        // The npm package's own manifest, not the binding, says which libvips it ships (and the build copies beside us).
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "package-lock.json")))
        {
            root = root.Parent ?? throw new InvalidOperationException("No package-lock.json above the test output.");
        }
        using var versions = System.Text.Json.JsonDocument.Parse(
            File.ReadAllText(Path.Combine(root.FullName, "node_modules", "@img", "sharp-libvips-linux-x64", "versions.json")));

        Assert.Equal(versions.RootElement.GetProperty("vips").GetString(), VipsImageProcessor.LibvipsVersion);
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
