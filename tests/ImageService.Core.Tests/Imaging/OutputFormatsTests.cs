using ImageService.Core.Imaging;

namespace ImageService.Core.Tests.Imaging;

public class OutputFormatsTests
{
    private const string Chrome = "image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8";

    [Theory]
    [InlineData(Chrome, true, false, "avif")]
    [InlineData(Chrome, false, false, "webp")]
    [InlineData("image/webp,*/*", true, false, "webp")]
    [InlineData("image/avif;q=0,image/webp", true, false, "webp")]
    [InlineData("image/*,*/*;q=0.8", true, false, "jpeg")]
    [InlineData("image/*,*/*;q=0.8", true, true, "png")]
    [InlineData(null, true, false, "jpeg")]
    [InlineData("IMAGE/AVIF", true, true, "avif")]
    public void AutoNegotiatesFromAccept(string? accept, bool allowAvif, bool hasAlpha, string expected) =>
        Assert.Equal(expected, OutputFormats.Negotiate(accept, allowAvif, hasAlpha));

    [Theory]
    [InlineData(OutputFormat.Original, "jpeg", false, "jpeg")]
    [InlineData(OutputFormat.Original, "gif", false, "gif")]
    [InlineData(OutputFormat.Original, "tiff", false, "jpeg")]
    [InlineData(OutputFormat.Original, "heif", true, "png")]
    [InlineData(OutputFormat.Png, "jpeg", false, "png")]
    [InlineData(OutputFormat.Auto, "png", true, "avif")]
    public void ResolveGivesAConcreteFormat(OutputFormat requested, string source, bool hasAlpha, string expected) =>
        Assert.Equal(expected, OutputFormats.Resolve(requested, source, hasAlpha, new TransformContext(Chrome)));

    [Fact]
    public void EveryFormatHasAContentTypeAndExtension()
    {
        Assert.Equal(["image/jpeg", "image/png", "image/webp", "image/avif", "image/gif"], OutputFormats.All.Select(OutputFormats.ContentType));
        Assert.Equal(["jpg", "png", "webp", "avif", "gif"], OutputFormats.All.Select(OutputFormats.Extension));
    }
}
