using System.Net.Http;
using ImageService.Dashboard.Pages;

namespace ImageService.Dashboard.Tests;

public sealed class OverviewTests : DashboardTestContext
{
    private static readonly string[] Months = ["2026-12", "2026-11", "2026-10", "2026-09", "2026-08", "2026-07"];

    public OverviewTests()
    {
        Api.On(HttpMethod.Get, "/account", 200, Account);
        foreach (var month in Months)
        {
            Api.On(HttpMethod.Get, "/usage?month=" + month, 200, Usage(month, 10, 5, 2048));
        }
    }

    [Fact]
    public void Shows_the_plan_this_months_usage_against_its_limits_and_six_months()
    {
        SignIn();
        Api.On(HttpMethod.Get, "/usage?month=2026-12", 200, Usage("2026-12", 1200, 12500, 5L << 30));

        var page = Render<Overview>();

        page.WaitForAssertion(() => Assert.Contains("Plan: Pro", page.Markup, StringComparison.Ordinal));
        var transformations = page.Find("[role=meter][aria-label=Transformations]");
        Assert.Equal("12500", transformations.GetAttribute("aria-valuenow"));
        Assert.Equal("50000", transformations.GetAttribute("aria-valuemax"));
        Assert.Equal("width:25%", page.Find("[aria-label=Transformations] .bar-fill").GetAttribute("style"));
        Assert.Equal("5 GB of 100 GB", page.Find("[aria-label=Bandwidth]").GetAttribute("aria-valuetext"));
        Assert.Equal(6, page.FindAll("rect.chart-bar").Count);
        Assert.Equal(Months.Order(StringComparer.Ordinal), page.FindAll("tbody th[scope=row]").Select(th => th.TextContent));
    }

    [Fact]
    public void Edge_and_origin_counters_appear_side_by_side_where_the_cdn_reports_them()
    {
        SignIn();
        Api.On(HttpMethod.Get, "/usage?month=2026-12", 200, Usage("2026-12", 100, 5, 2048, ""","edgeRequests":900,"edgeBytes":1048576"""));

        var page = Render<Overview>();

        page.WaitForAssertion(() => Assert.Contains("Requests at the edge", page.Markup, StringComparison.Ordinal));
        Assert.Contains("Requests at the origin", page.Markup, StringComparison.Ordinal);
        Assert.Equal("1 MB of 100 GB", page.Find("[aria-label='Bandwidth at the edge']").GetAttribute("aria-valuetext"));
    }

    [Fact]
    public void The_quick_start_fills_in_the_public_key()
    {
        SignIn();

        var page = Render<Overview>();

        page.WaitForAssertion(() => Assert.Contains("pk_test123", page.Markup, StringComparison.Ordinal));
        var snippets = page.FindAll("pre code").Select(c => c.TextContent).ToArray();
        Assert.Equal("https://cdn.example.test/pk_test123/IMAGE_ID?w=800&f=auto", snippets[0]);
        Assert.Contains("srcset=\"https://cdn.example.test/pk_test123/IMAGE_ID?w=400&f=auto 400w", snippets[1], StringComparison.Ordinal);
        Assert.NotNull(page.Find("button[aria-label='Copy delivery URL']"));
    }

    [Fact]
    public void The_quick_start_uses_the_latest_image_when_there_is_one()
    {
        SignIn();
        Api.On(HttpMethod.Get, "/images?limit=1", 200, $$"""{"items":[{{Image("01LATEST")}}],"next":null}""");

        var page = Render<Overview>();

        page.WaitForAssertion(() => Assert.Equal("https://cdn.example.test/pk_test123/01LATEST?w=800&f=auto", page.Find("pre code").TextContent));
    }

    [Fact]
    public void A_failing_api_shows_the_error_with_a_retry()
    {
        SignIn();
        Api.Problem(HttpMethod.Get, "/account", 503, """{"type":"urn:imageservice:problem:storage-unavailable","title":"Storage is unavailable.","status":503,"detail":"Try again shortly."}""");

        var page = Render<Overview>();

        page.WaitForAssertion(() => Assert.Equal("Try again shortly.", page.Find("[role=alert] p").TextContent));
        Api.On(HttpMethod.Get, "/account", 200, Account);
        page.Find("[role=alert] button").Click();
        page.WaitForAssertion(() => Assert.Contains("Plan: Pro", page.Markup, StringComparison.Ordinal));
    }
}
