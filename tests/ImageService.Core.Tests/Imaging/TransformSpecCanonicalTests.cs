using ImageService.Core.Imaging;

namespace ImageService.Core.Tests.Imaging;

public class TransformSpecCanonicalTests
{
    private static TransformSpec Parse(string query)
    {
        var pairs = query.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p =>
        {
            var eq = p.IndexOf('=', StringComparison.Ordinal);
            return eq < 0 ? new KeyValuePair<string, string?>(p, null) : new KeyValuePair<string, string?>(p[..eq], p[(eq + 1)..]);
        });
        Assert.True(TransformSpec.TryParse(pairs, out var spec, out var errors), string.Join("; ", errors.Keys));
        return spec;
    }

    [Fact]
    public void CanonicalQueryIsSortedAndNormalised() =>
        Assert.Equal("bg=aabbcc&blur=2&dpr=1.5&f=webp&fit=contain&flip=1&gravity=fp:0.1:0.9&h=100&q=75&rot=90&w=300",
            Parse("w=300&h=100&dpr=1.50&fit=CONTAIN&gravity=fp:0.10:0.9&bg=ABC&q=75&f=webp&blur=2.0&rot=90&flip=&flop=0").ToCanonicalQuery());

    [Fact]
    public void DefaultsAreOmitted()
    {
        Assert.Equal("", Parse("dpr=1&fit=cover&gravity=centre&rot=0&flip=false&flop=0").ToCanonicalQuery());
        Assert.Equal("w=10", Parse("w=10&dpr=1").ToCanonicalQuery());
    }

    [Fact]
    public void DprWithoutASizeChangesNothingAndIsDropped() =>
        Assert.Equal("", Parse("dpr=2").ToCanonicalQuery());

    [Theory]
    [InlineData("w=300&h=200&fit=inside&f=jpg", "f=jpeg&h=200&fit=inside&w=300")]
    [InlineData("gravity=center&w=5", "w=5&gravity=centre")]
    [InlineData("gravity=ne&w=5", "w=5&gravity=northeast")]
    [InlineData("bg=%23ffffff", "bg=ffffff")]
    public void EquivalentQueriesShareOneCanonicalForm(string first, string second)
    {
        var a = Parse(Uri.UnescapeDataString(first));
        var b = Parse(second);

        Assert.Equal(a.ToCanonicalQuery(), b.ToCanonicalQuery());
        Assert.Equal(a.CanonicalKey("webp"), b.CanonicalKey("webp"));
    }

    [Fact]
    public void CanonicalKeyIsSafeDeterministicAndDependsOnTheResolvedFormat()
    {
        var spec = Parse("w=300&f=auto");

        var avif = spec.CanonicalKey("avif");
        var webp = spec.CanonicalKey("webp");

        Assert.Matches("^[0-9a-f]{32}\\.avif$", avif);
        Assert.Matches("^[0-9a-f]{32}\\.webp$", webp);
        Assert.NotEqual(avif[..32], webp[..32]);
        Assert.Equal(avif, Parse("f=auto&w=300").CanonicalKey("avif"));
        Assert.NotEqual(webp, Parse("w=301&f=auto").CanonicalKey("webp"));
        Assert.Equal("jpg", spec.CanonicalKey("jpeg")[33..]);
    }

    [Fact]
    public void CanonicalKeyRejectsAnUnknownFormat() =>
        Assert.Throws<ArgumentException>(() => new TransformSpec().CanonicalKey("bmp"));
}
