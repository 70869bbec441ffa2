using System.Text.Json.Nodes;
using static ImageService.Infra.Tests.Support.CloudFrontFunctionRunner;

namespace ImageService.Infra.Tests;

/// <summary>The CloudFront viewer-request function that makes delivery cache keys canonical.</summary>
public sealed class NormalizeRequestFunctionTests
{
    private const string ChromeAccept = "image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8";
    private const string SafariAccept = "image/webp,image/png,image/svg+xml,image/*;q=0.8,video/*;q=0.8,*/*;q=0.5";

    private static string QueryString(JsonObject request) =>
        string.Join("&", request["querystring"]!.AsObject().Select(p => $"{p.Key}={p.Value!["value"]}"));

    private static string? Accept(JsonObject request) => (string?)request["headers"]!["accept"]?["value"];

    [Fact]
    public void Keeps_only_transform_parameters_in_sorted_order()
    {
        var request = Run(Query(("w", "400"), ("utm_source", "mail"), ("q", "70"), ("cb", "123"), ("fit", "cover"), ("h", "300"), ("f", "webp")), null);

        Assert.Equal("f=webp&fit=cover&h=300&q=70&w=400", QueryString(request));
    }

    [Fact]
    public void A_variant_url_keeps_its_variant_and_signature()
    {
        var request = Run(Query(("variant", "card"), ("utm_source", "mail"), ("sig", "abc"), ("exp", "1700000000")), null);

        Assert.Equal("exp=1700000000&sig=abc&variant=card", QueryString(request));
    }

    [Fact]
    public void Same_parameters_in_any_order_give_the_same_request()
    {
        var one = Run(Query(("w", "100"), ("sig", "abc"), ("exp", "1700000000"), ("blur", "2")), ChromeAccept);
        var other = Run(Query(("blur", "2"), ("exp", "1700000000"), ("w", "100"), ("sig", "abc")), ChromeAccept);

        Assert.Equal("blur=2&exp=1700000000&sig=abc&w=100", QueryString(one));
        Assert.Equal(one.ToJsonString(), other.ToJsonString());
    }

    [Fact]
    public void A_repeated_parameter_keeps_its_first_value()
    {
        var query = Query(("f", "png"));
        query["w"] = new JsonObject
        {
            ["value"] = "100",
            ["multiValue"] = new JsonArray(new JsonObject { ["value"] = "100" }, new JsonObject { ["value"] = "900" }),
        };

        Assert.Equal("f=png&w=100", QueryString(Run(query, null)));
    }

    [Theory]
    [InlineData(ChromeAccept, "image/avif")]
    [InlineData(SafariAccept, "image/webp")]
    [InlineData("image/avif;q=0, image/webp;q=0.9, */*", "image/webp")]
    [InlineData("IMAGE/AVIF", "image/avif")]
    [InlineData("*/*", "image/jpeg")]
    [InlineData("", "image/jpeg")]
    public void Auto_format_folds_accept_into_one_format_token(string accept, string expected)
    {
        Assert.Equal(expected, Accept(Run(Query(("f", "auto"), ("w", "100")), accept)));
    }

    [Fact]
    public void Without_an_accept_header_auto_format_negotiates_jpeg()
    {
        Assert.Equal("image/jpeg", Accept(Run(Query(("f", "auto")), null)));
    }

    [Fact]
    public void A_request_without_f_is_negotiated_like_auto()
    {
        Assert.Equal("image/webp", Accept(Run(Query(("w", "100")), SafariAccept)));
    }

    [Fact]
    public void An_explicit_format_drops_accept_so_it_cannot_split_the_cache()
    {
        var request = Run(Query(("f", "png"), ("w", "100")), ChromeAccept);

        Assert.Null(request["headers"]!["accept"]);
        Assert.Equal("d111111abcdef8.cloudfront.net", (string?)request["headers"]!["host"]!["value"]);
        Assert.Equal("/pk_live_123/img_1", (string?)request["uri"]);
    }

    [Fact]
    public void The_viewers_host_reaches_the_origin_as_x_forwarded_host()
    {
        var request = Run(Query(("w", "400")), null, ("host", "img.shop.example"));

        Assert.Equal("img.shop.example", (string?)request["headers"]!["x-forwarded-host"]!["value"]);
    }

    [Fact]
    public void A_viewer_supplied_x_forwarded_host_is_overwritten_so_it_cannot_pick_another_customers_domain()
    {
        var request = Run(Query(("w", "400")), null, ("host", "img.shop.example"), ("x-forwarded-host", "img.victim.example"));

        Assert.Equal("img.shop.example", (string?)request["headers"]!["x-forwarded-host"]!["value"]);
    }

    [Fact]
    public void Requests_to_the_distributions_own_domain_forward_that_domain()
    {
        var request = Run(Query(("w", "400")), null, ("x-forwarded-host", "img.victim.example"));

        Assert.Equal("d111111abcdef8.cloudfront.net", (string?)request["headers"]!["x-forwarded-host"]!["value"]);
    }
}
