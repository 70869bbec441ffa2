using System.Net.Http;
using ImageService.Dashboard.Pages;

namespace ImageService.Dashboard.Tests;

public sealed class SettingsTests : DashboardTestContext
{
    [Fact]
    public void Each_invalid_entry_is_marked_with_the_apis_message_for_it()
    {
        SignIn();
        Api.On(HttpMethod.Get, "/account", 200, Account);
        Api.Problem(HttpMethod.Patch, "/account", 400,
            """{"type":"urn:imageservice:problem:validation","status":400,"errors":{"allowedOrigins[1]":["Not a host name: 'http://bad origin'."],"defaultTransform.w":["Must be 1-8192."]}}""");
        var page = Render<Settings>();
        page.WaitForAssertion(() => Assert.Equal("shop.example.com", page.Find("#origin-0").GetAttribute("value")));

        page.FindAll("button").Single(b => b.TextContent == "Add allowed origin").Click();
        page.Find("#origin-1").Change("http://bad origin");
        page.Find("#default-transform").Change("w=0");
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Equal("Not a host name: 'http://bad origin'.", page.Find(".entries li.invalid .field-error").TextContent));
        Assert.Equal("true", page.Find("#origin-1").GetAttribute("aria-invalid"));
        Assert.Equal("false", page.Find("#origin-0").GetAttribute("aria-invalid"));
        Assert.Equal("Must be 1-8192.", page.Find("#default-transform-error").TextContent);
        Assert.Equal("""{"allowedOrigins":["shop.example.com","http://bad origin"],"strictOrigins":false,"requireSignedUrls":false,"defaultTransform":"w=0","customDomains":[],"allowArbitraryTransforms":true}""",
            Assert.Single(Api.BodiesOf(HttpMethod.Patch, "/account")));
    }

    [Fact]
    public void Saving_sends_every_setting_and_shows_the_saved_state()
    {
        SignIn();
        Api.On(HttpMethod.Get, "/account", 200, Account);
        Api.On(HttpMethod.Patch, "/account", 200, Account.Replace("\"strictOrigins\":false", "\"strictOrigins\":true", StringComparison.Ordinal));
        var page = Render<Settings>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("#strict-origins")));

        page.Find("#strict-origins").Change(true);
        page.Find("#allow-arbitrary").Change(false);
        page.FindAll("button").Single(b => b.TextContent == "Add custom domain").Click();
        page.Find("#domain-0").Change("img.shop.example");
        page.FindAll("button").Single(b => b.TextContent == "Add allowed origin").Click();
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Contains("Settings saved", page.Markup, StringComparison.Ordinal));
        // The empty origin row is not sent.
        Assert.Equal("""{"allowedOrigins":["shop.example.com"],"strictOrigins":true,"requireSignedUrls":false,"defaultTransform":null,"customDomains":["img.shop.example"],"allowArbitraryTransforms":false}""",
            Assert.Single(Api.BodiesOf(HttpMethod.Patch, "/account")));
    }
}
