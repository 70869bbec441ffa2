using System.Net.Http;
using ImageService.Dashboard.Pages;

namespace ImageService.Dashboard.Tests;

public sealed class BillingTests : DashboardTestContext
{
    private const string Plans = """
        [{"id":"free","displayName":"Free","purchasable":false,"monthlyTransformations":1000,"monthlyBandwidthBytes":1073741824,"features":{"signedUrls":false}},
         {"id":"pro","displayName":"Pro","purchasable":true,"monthlyTransformations":50000,"monthlyBandwidthBytes":107374182400,"features":{"signedUrls":true}}]
        """;

    private static string AccountWith(string plan, string billing) =>
        Account.Replace("\"id\":\"pro\",\"displayName\":\"Pro\"", plan == "free" ? "\"id\":\"free\",\"displayName\":\"Free\"" : "\"id\":\"pro\",\"displayName\":\"Pro\"", StringComparison.Ordinal)
            .TrimEnd().TrimEnd('}') + ",\"billing\":" + billing + "}";

    [Fact]
    public void Plans_are_shown_side_by_side_and_upgrade_opens_checkout()
    {
        SignIn();
        Api.On(HttpMethod.Get, "/billing/plans", 200, Plans);
        Api.On(HttpMethod.Get, "/account", 200, AccountWith("free", """{"status":"none","plan":null,"currentPeriodEnd":null,"cancelAtPeriodEnd":false,"graceUntil":null}"""));
        Api.On(HttpMethod.Post, "/billing/checkout", 200, """{"url":"https://checkout.stripe.test/c/pay/cs_1"}""");
        var page = Render<Billing>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll(".plans > li").Count));

        Assert.Equal("Free", page.Find("[data-testid=current-plan]").TextContent);
        Assert.Equal("No subscription", page.Find("[data-testid=billing-status]").TextContent);
        Assert.Contains("Monthly transformations", page.FindAll(".plans > li")[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("100 GB", page.FindAll(".plans > li")[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("Features: Signed urls", page.FindAll(".plans > li")[1].TextContent, StringComparison.Ordinal);
        var upgrade = Assert.Single(page.FindAll("button"), b => b.TextContent == "Upgrade");
        upgrade.Click();

        page.WaitForAssertion(() => Assert.Equal("https://checkout.stripe.test/c/pay/cs_1", Navigation.Uri));
        Assert.Equal("""{"plan":"pro"}""", Assert.Single(Api.BodiesOf(HttpMethod.Post, "/billing/checkout")));
        Assert.DoesNotContain(page.FindAll("button"), b => b.TextContent == "Manage billing");
    }

    [Fact]
    public void Past_due_shows_a_banner_with_the_grace_date_and_manage_billing_opens_the_portal()
    {
        SignIn();
        Api.On(HttpMethod.Get, "/billing/plans", 200, Plans);
        Api.On(HttpMethod.Get, "/account", 200, AccountWith("pro", """{"status":"past_due","plan":"pro","currentPeriodEnd":"2026-12-20T00:00:00Z","cancelAtPeriodEnd":false,"graceUntil":"2026-12-08T00:00:00Z"}"""));
        Api.On(HttpMethod.Post, "/billing/portal", 200, """{"url":"https://billing.stripe.test/p/session/bps_1"}""");
        var page = Render<Billing>();

        page.WaitForAssertion(() => Assert.Contains("until 2026-12-08", page.Find(".banner").TextContent, StringComparison.Ordinal));
        Assert.Equal("Past due", page.Find("[data-testid=billing-status]").TextContent);
        Assert.DoesNotContain(page.FindAll("button"), b => b.TextContent == "Upgrade");
        page.FindAll("button").Single(b => b.TextContent == "Manage billing").Click();

        page.WaitForAssertion(() => Assert.Equal("https://billing.stripe.test/p/session/bps_1", Navigation.Uri));
    }

    [Fact]
    public void An_active_subscription_has_no_banner()
    {
        SignIn();
        Api.On(HttpMethod.Get, "/billing/plans", 200, Plans);
        Api.On(HttpMethod.Get, "/account", 200, AccountWith("pro", """{"status":"active","plan":"pro","currentPeriodEnd":"2026-12-20T00:00:00Z","cancelAtPeriodEnd":true,"graceUntil":null}"""));

        var page = Render<Billing>();

        page.WaitForAssertion(() => Assert.Equal("Active", page.Find("[data-testid=billing-status]").TextContent));
        Assert.Empty(page.FindAll(".banner"));
        Assert.Contains("Ends", page.Find(".facts").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_billing_configured_the_page_says_so()
    {
        SignIn();
        Api.Problem(HttpMethod.Get, "/billing/plans", 503, """{"type":"urn:imageservice:problem:billing-not-configured","status":503,"title":"Billing is not configured."}""");
        Api.On(HttpMethod.Get, "/account", 200, Account);

        var page = Render<Billing>();

        page.WaitForAssertion(() => Assert.Contains("Billing is not configured", page.Markup, StringComparison.Ordinal));
        Assert.Equal("Pro", page.Find("[data-testid=current-plan]").TextContent);
    }
}
