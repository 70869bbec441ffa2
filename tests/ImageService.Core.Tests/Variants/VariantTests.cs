using ImageService.Core.Imaging;
using ImageService.Core.Variants;

namespace ImageService.Core.Tests.Variants;

public sealed class VariantTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("a", true)]
    [InlineData("hero-2x", true)]
    [InlineData("0123456789abcdefghijklmnopqrstuv", true)]
    [InlineData("0123456789abcdefghijklmnopqrstuvw", false)]
    [InlineData("", false)]
    [InlineData("Hero", false)]
    [InlineData("hero_2x", false)]
    [InlineData("hero.2x", false)]
    [InlineData("héro", false)]
    [InlineData(null, false)]
    public void Names_are_1_to_32_lower_case_letters_digits_and_dashes(string? name, bool valid) =>
        Assert.Equal(valid, VariantNames.IsValid(name));

    [Fact]
    public void Derived_keys_cover_each_output_format_under_the_images_own_prefix()
    {
        var variant = new Variant { OwnerId = "o1", Name = "card", Transform = "f=auto&w=100", CreatedAt = Now, UpdatedAt = Now };
        var spec = new TransformSpec { Width = 100, Format = OutputFormat.Auto };

        var keys = variant.DerivedKeys("img1").ToList();

        // The keys a delivery of f=auto may store: one per concrete format it can resolve to.
        Assert.Equal(new[] { "jpeg", "png", "webp", "avif", "gif" }.Select(f => $"derived/o1/img1/{spec.CanonicalKey(f)}"), keys);
    }
}
