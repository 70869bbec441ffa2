using System.Net.Http;
using ImageService.Dashboard.Pages;

namespace ImageService.Dashboard.Tests;

public sealed class ImageDetailTests : DashboardTestContext
{
    public ImageDetailTests()
    {
        Api.On(HttpMethod.Get, "/account", 200, Account);
        Api.On(HttpMethod.Get, "/images/01A", 200, Image("01A", "Beach"));
        Api.On(HttpMethod.Head, "/pk_test123/01A", 200, "");
    }

    [Fact]
    public void Width_and_format_build_the_delivery_url_and_the_preview()
    {
        SignIn();
        var page = Render<ImageDetail>(p => p.Add(d => d.Id, "01A"));
        page.WaitForAssertion(() => Assert.NotNull(page.Find("#t-width")));

        page.Find("#t-width").Input("320");
        page.Find("#t-format").Change("webp");
        Clock.Advance(TimeSpan.FromMilliseconds(300));

        Assert.Equal("https://cdn.example.test/pk_test123/01A?w=320&f=webp", page.Find("[data-testid=delivery-url]").TextContent);
        page.WaitForAssertion(() => Assert.Equal("https://cdn.example.test/pk_test123/01A?w=320&f=webp", page.Find("img.preview").GetAttribute("src")));
    }

    [Fact]
    public void Every_builder_field_is_labelled()
    {
        SignIn();
        var page = Render<ImageDetail>(p => p.Add(d => d.Id, "01A"));
        page.WaitForAssertion(() => Assert.NotNull(page.Find("#t-width")));

        var labels = page.FindAll(".form-grid label").Select(l => l.TextContent).ToArray();

        Assert.Equal(["Width", "Height", "Fit", "Gravity", "Format", "Quality", "Blur"], labels);
    }

    [Fact]
    public void Clicking_the_image_sets_a_focus_point_gravity()
    {
        SignIn();
        var page = Render<ImageDetail>(p => p.Add(d => d.Id, "01A"));
        page.WaitForAssertion(() => Assert.NotNull(page.Find(".focus-picker")));

        // The picker is 320 px wide and 320 * 800 / 1200 = 213 px high.
        page.Find(".focus-picker").Click(new Microsoft.AspNetCore.Components.Web.MouseEventArgs { OffsetX = 80, OffsetY = 106.5 });

        Assert.Equal("https://cdn.example.test/pk_test123/01A?fit=cover&gravity=fp%3A0.25%3A0.5", page.Find("[data-testid=delivery-url]").TextContent);
    }

    [Fact]
    public void A_signed_url_is_requested_with_the_transform_and_expiry()
    {
        SignIn();
        Api.On(HttpMethod.Post, "/account/signed-urls", 200, """{"url":"https://cdn.example.test/pk_test123/01A?w=320&exp=1&sig=s","keyId":"key_1","expiresAt":"2026-12-01T11:00:00Z"}""");
        var page = Render<ImageDetail>(p => p.Add(d => d.Id, "01A"));
        page.WaitForAssertion(() => Assert.NotNull(page.Find("#t-width")));

        page.Find("#t-width").Input("320");
        page.Find("#t-expiry").Change("600");
        page.FindAll("button").Single(b => b.TextContent == "Create signed URL").Click();

        page.WaitForAssertion(() => Assert.Contains("sig=s", page.Markup, StringComparison.Ordinal));
        Assert.Equal("""{"image":"01A","transform":{"w":"320"},"expiresInSeconds":600,"domain":null}""", Assert.Single(Api.BodiesOf(HttpMethod.Post, "/account/signed-urls")));
        Assert.NotNull(page.Find("button[aria-label='Copy signed URL']"));
    }

    [Fact]
    public void Another_owners_image_is_not_found()
    {
        SignIn();

        var page = Render<ImageDetail>(p => p.Add(d => d.Id, "01Z"));

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[role=alert]")));
    }
}
