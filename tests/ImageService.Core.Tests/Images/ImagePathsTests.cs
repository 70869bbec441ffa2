using ImageService.Core.Ids;
using ImageService.Core.Images;

namespace ImageService.Core.Tests.Images;

public sealed class ImagePathsTests
{
    [Theory]
    [InlineData("red-shoe.jpg")]
    [InlineData("products/2026/red_shoe~v2.JPG")]
    [InlineData("a")]
    public void Plain_segmented_names_are_accepted(string path) => Assert.Null(ImagePaths.Problem(path));

    [Theory]
    [InlineData("")]
    [InlineData("/leading.jpg")]
    [InlineData("trailing/")]
    [InlineData("a//b.jpg")]
    [InlineData("./a.jpg")]
    [InlineData("a/../b.jpg")]
    [InlineData("with space.jpg")]
    [InlineData("bücher.jpg")]
    [InlineData("query?.jpg")]
    [InlineData("percent%2F.jpg")]
    [InlineData("images/a.jpg")]
    [InlineData("Renditions/a.jpg")]
    [InlineData("health")]
    public void Anything_else_is_refused_with_a_reason(string path) => Assert.NotNull(ImagePaths.Problem(path));

    [Fact]
    public void Lengths_above_256_and_image_ids_are_refused()
    {
        Assert.Null(ImagePaths.Problem(new string('a', ImagePaths.MaxLength)));
        Assert.NotNull(ImagePaths.Problem(new string('a', ImagePaths.MaxLength + 1)));
        Assert.NotNull(ImagePaths.Problem(new ImageIdGenerator(TimeProvider.System).NewId()));
    }
}
