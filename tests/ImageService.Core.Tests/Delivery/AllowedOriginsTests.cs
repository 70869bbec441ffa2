using ImageService.Core.Delivery;

namespace ImageService.Core.Tests.Delivery;

public sealed class AllowedOriginsTests
{
    private static readonly string[] Shop = ["*.example.com", "example.com", "localhost:3000"];

    [Theory]
    [InlineData("https://a.example.com")]
    [InlineData("https://a.b.example.com")]
    [InlineData("https://A.Example.COM")]
    [InlineData("http://a.example.com:8080")]
    [InlineData("https://example.com")]
    [InlineData("http://localhost:3000")]
    public void Matching_origins_are_allowed_and_echoed_for_cors(string origin)
    {
        var decision = AllowedOrigins.Check(Shop, strict: false, origin, referer: null);

        Assert.True(decision.Allowed);
        Assert.Equal(origin, decision.AccessControlAllowOrigin);
    }

    [Theory]
    [InlineData("https://example.com.evil.net")]
    [InlineData("https://evil-example.com")]
    [InlineData("https://evilexample.com")]
    [InlineData("https://example.org")]
    [InlineData("https://a.example.com.")]
    [InlineData("http://localhost:3001")]
    [InlineData("http://localhost")]
    [InlineData("ftp://a.example.com")]
    [InlineData("not a url")]
    public void Other_origins_are_refused(string origin)
    {
        var decision = AllowedOrigins.Check(Shop, strict: false, origin, referer: null);

        Assert.False(decision.Allowed);
        Assert.Null(decision.AccessControlAllowOrigin);
    }

    [Fact]
    public void A_wildcard_does_not_match_its_bare_domain()
    {
        Assert.False(AllowedOrigins.Check(["*.example.com"], strict: false, "https://example.com", null).Allowed);
    }

    [Fact]
    public void An_entry_with_a_port_matches_the_schemes_default_port()
    {
        Assert.True(AllowedOrigins.Check(["example.com:443"], strict: false, "https://example.com", null).Allowed);
        Assert.False(AllowedOrigins.Check(["example.com:443"], strict: false, "http://example.com", null).Allowed);
    }

    [Fact]
    public void Referer_is_used_when_there_is_no_origin_and_no_cors_header_is_sent()
    {
        var allowed = AllowedOrigins.Check(Shop, strict: true, origin: null, referer: "https://www.example.com/products/1?x=y");
        var refused = AllowedOrigins.Check(Shop, strict: true, origin: null, referer: "https://example.com.evil.net/page");

        Assert.True(allowed.Allowed);
        Assert.Null(allowed.AccessControlAllowOrigin);
        Assert.False(refused.Allowed);
    }

    [Fact]
    public void Origin_wins_over_referer()
    {
        Assert.False(AllowedOrigins.Check(Shop, strict: false, "https://evil.net", "https://www.example.com/").Allowed);
    }

    [Fact]
    public void A_null_origin_counts_as_absent_so_the_referer_decides()
    {
        Assert.True(AllowedOrigins.Check(Shop, strict: true, "null", "https://www.example.com/").Allowed);
        Assert.False(AllowedOrigins.Check(Shop, strict: true, "null", null).Allowed);
    }

    [Fact]
    public void Requests_without_origin_or_referer_pass_unless_the_account_is_strict()
    {
        Assert.True(AllowedOrigins.Check(Shop, strict: false, null, null).Allowed);
        Assert.False(AllowedOrigins.Check(Shop, strict: true, null, "").Allowed);
    }

    [Fact]
    public void An_empty_list_allows_everything_with_a_cors_wildcard()
    {
        var decision = AllowedOrigins.Check([], strict: true, "https://anyone.net", null);

        Assert.True(decision.Allowed);
        Assert.Equal("*", decision.AccessControlAllowOrigin);
    }

    [Fact]
    public void Validation_normalises_case_and_removes_duplicates()
    {
        var result = AllowedOrigins.Validate(["Shop.Example.com", "*.EXAMPLE.com:8443", "shop.example.com", " localhost "]);

        Assert.True(result.IsValid);
        Assert.Equal(["shop.example.com", "*.example.com:8443", "localhost"], result.Normalized);
    }

    [Theory]
    [InlineData("https://example.com", "scheme")]
    [InlineData("example.com/path", "path")]
    [InlineData("example.com?x=1", "path")]
    [InlineData("user@example.com", "credentials")]
    [InlineData("*", "first label")]
    [InlineData("*.com", "two labels")]
    [InlineData("a.*.example.com", "first label")]
    [InlineData("*example.com", "first label")]
    [InlineData("example.com:0", "port")]
    [InlineData("example.com:99999", "port")]
    [InlineData("example.com:http", "port")]
    [InlineData("-bad.example.com", "DNS labels")]
    [InlineData("exa_mple.com", "DNS labels")]
    [InlineData("a..com", "DNS labels")]
    [InlineData("bücher.de", "punycode")]
    [InlineData("", "empty")]
    public void Validation_refuses_each_bad_entry_with_its_own_error(string entry, string expectedWords)
    {
        var result = AllowedOrigins.Validate(["good.example.com", entry]);

        var error = Assert.Single(result.Errors);
        Assert.Equal(1, error.Index);
        Assert.Equal(entry, error.Entry);
        Assert.Contains(expectedWords, error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Validation_refuses_more_than_the_maximum_number_of_entries()
    {
        var entries = Enumerable.Range(0, AllowedOrigins.MaxEntries + 1).Select(i => $"h{i}.example.com");

        Assert.False(AllowedOrigins.Validate(entries).IsValid);
    }

    [Fact]
    public void Punycode_entries_match_international_origins()
    {
        Assert.True(AllowedOrigins.Check(["xn--bcher-kva.de"], strict: false, "https://bücher.de", null).Allowed);
    }
}
