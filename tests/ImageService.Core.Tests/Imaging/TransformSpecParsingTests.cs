using ImageService.Core.Imaging;

namespace ImageService.Core.Tests.Imaging;

public class TransformSpecParsingTests
{
    private static KeyValuePair<string, string?>[] Query(params (string Key, string? Value)[] pairs) =>
        [.. pairs.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value))];

    private static TransformSpec Parse(params (string Key, string? Value)[] pairs)
    {
        Assert.True(TransformSpec.TryParse(Query(pairs), out var spec, out var errors), string.Join("; ", errors.Select(e => e.Key + ": " + string.Join(", ", e.Value))));
        return spec;
    }

    private static IReadOnlyDictionary<string, string[]> Errors(params (string Key, string? Value)[] pairs)
    {
        Assert.False(TransformSpec.TryParse(Query(pairs), out _, out var errors));
        return errors;
    }

    [Fact]
    public void EveryParameterIsParsed()
    {
        var spec = Parse(("w", "320"), ("h", "200"), ("dpr", "2.5"), ("fit", "contain"), ("gravity", "fp:0.25:0.75"), ("bg", "#FFF"),
            ("q", "70"), ("f", "webp"), ("blur", "1.5"), ("rot", "270"), ("flip", "1"), ("flop", "true"));

        Assert.Equal(new TransformSpec
        {
            Width = 320, Height = 200, Dpr = 2.5, Fit = FitMode.Contain, Gravity = Gravity.FocusPoint, FocusX = 0.25, FocusY = 0.75,
            Background = "ffffff", Quality = 70, Format = OutputFormat.Webp, Blur = 1.5, Rotate = 270, Flip = true, Flop = true,
        }, spec);
    }

    [Fact]
    public void NoParametersGiveTheDefaultSpec() => Assert.Equal(new TransformSpec(), Parse());

    [Theory]
    [InlineData("centre", Gravity.Centre)]
    [InlineData("center", Gravity.Centre)]
    [InlineData("north", Gravity.North)]
    [InlineData("ne", Gravity.NorthEast)]
    [InlineData("NorthEast", Gravity.NorthEast)]
    [InlineData("east", Gravity.East)]
    [InlineData("se", Gravity.SouthEast)]
    [InlineData("south", Gravity.South)]
    [InlineData("sw", Gravity.SouthWest)]
    [InlineData("west", Gravity.West)]
    [InlineData("nw", Gravity.NorthWest)]
    [InlineData("smart", Gravity.Smart)]
    public void GravityNamesAndAbbreviationsAreAccepted(string value, Gravity expected) =>
        Assert.Equal(expected, Parse(("gravity", value)).Gravity);

    [Theory]
    [InlineData("", true)]
    [InlineData(null, true)]
    [InlineData("1", true)]
    [InlineData("true", true)]
    [InlineData("0", false)]
    [InlineData("false", false)]
    public void FlipAndFlopAcceptBooleanSpellings(string? value, bool expected)
    {
        Assert.Equal(expected, Parse(("flip", value)).Flip);
        Assert.Equal(expected, Parse(("flop", value)).Flop);
    }

    [Theory]
    [InlineData("abc", "aabbcc")]
    [InlineData("A0B0C0", "a0b0c0")]
    [InlineData("a0b0c080", "a0b0c080")]
    [InlineData("a0b0c0ff", "a0b0c0")]
    public void BackgroundIsNormalisedToLowerCaseHex(string value, string expected) =>
        Assert.Equal(expected, Parse(("bg", value)).Background);

    [Theory]
    [InlineData("jpg", OutputFormat.Jpeg)]
    [InlineData("JPEG", OutputFormat.Jpeg)]
    [InlineData("png", OutputFormat.Png)]
    [InlineData("avif", OutputFormat.Avif)]
    [InlineData("gif", OutputFormat.Gif)]
    [InlineData("auto", OutputFormat.Auto)]
    public void FormatsAreParsed(string value, OutputFormat expected) => Assert.Equal(expected, Parse(("f", value)).Format);

    [Theory]
    [InlineData("w", "0")]
    [InlineData("w", "8193")]
    [InlineData("w", "12.5")]
    [InlineData("w", "-4")]
    [InlineData("w", "")]
    [InlineData("h", "abc")]
    [InlineData("dpr", "0.5")]
    [InlineData("dpr", "5")]
    [InlineData("dpr", "NaN")]
    [InlineData("fit", "crop")]
    [InlineData("fit", "1")]
    [InlineData("gravity", "up")]
    [InlineData("gravity", "fp:1.5:0")]
    [InlineData("gravity", "fp:0.5")]
    [InlineData("gravity", "fp:a:b")]
    [InlineData("bg", "red")]
    [InlineData("bg", "12345")]
    [InlineData("q", "0")]
    [InlineData("q", "101")]
    [InlineData("f", "bmp")]
    [InlineData("blur", "0.2")]
    [InlineData("blur", "1001")]
    [InlineData("rot", "45")]
    [InlineData("rot", "-90")]
    [InlineData("flip", "yes")]
    [InlineData("flop", "2")]
    public void MalformedValuesAreErrorsUnderTheirName(string key, string value)
    {
        var errors = Errors((key, value));

        var message = Assert.Single(Assert.Single(errors, e => e.Key == key).Value);
        Assert.Contains(value, message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownDuplicateAndMalformedParametersAreAllReported()
    {
        var errors = Errors(("w", "100"), ("w", "200"), ("width", "5"), ("q", "high"));

        Assert.Equal(["q", "w", "width"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("more than once", errors["w"][0], StringComparison.Ordinal);
        Assert.Contains("Unknown parameter", errors["width"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void IgnoredKeysAreSkipped()
    {
        var ignored = new HashSet<string>(["sig", "exp"]);

        Assert.True(TransformSpec.TryParse(Query(("w", "10"), ("sig", "abc"), ("exp", "123")), out var spec, out _, ignored));
        Assert.Equal(10, spec.Width);
        Assert.False(TransformSpec.TryParse(Query(("w", "10"), ("sig", "abc")), out _, out _));
    }
}
