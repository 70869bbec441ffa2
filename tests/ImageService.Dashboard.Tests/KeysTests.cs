using System.Net.Http;
using ImageService.Dashboard.Pages;

namespace ImageService.Dashboard.Tests;

public sealed class KeysTests : DashboardTestContext
{
    private const string Listed = """[{"id":"key_1","name":"production","prefix":"sk_7Hq2","createdAt":"2026-11-02T09:30:00Z","revokedAt":null,"active":true}]""";

    [Fact]
    public void Create_key_shows_the_secret_once_with_a_warning_and_a_copy_button()
    {
        SignIn();
        Api.On(HttpMethod.Get, "/account/keys", 200, "[]");
        Api.On(HttpMethod.Post, "/account/keys", 201, """{"id":"key_1","name":"production","prefix":"sk_7Hq2","createdAt":"2026-11-02T09:30:00Z","secret":"sk_7Hq2secret"}""");
        var page = Render<Keys>();
        page.WaitForAssertion(() => Assert.Contains("No secret keys yet", page.Markup, StringComparison.Ordinal));

        Api.On(HttpMethod.Get, "/account/keys", 200, Listed);
        page.Find("#key-name").Change("production");
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Equal("sk_7Hq2secret", page.Find("[data-testid=secret]").TextContent));
        Assert.Contains("only time the secret is shown", page.Find(".warning").TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.Find("button[aria-label='Copy secret']"));
        Assert.Equal("""{"name":"production"}""", Assert.Single(Api.BodiesOf(HttpMethod.Post, "/account/keys")));
        page.WaitForAssertion(() => Assert.Equal("sk_7Hq2…", page.Find("tbody code").TextContent));

        var reloaded = Render<Keys>();
        reloaded.WaitForAssertion(() => Assert.Single(reloaded.FindAll("tbody tr")));
        Assert.DoesNotContain("sk_7Hq2secret", reloaded.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Keys_are_listed_with_prefix_and_dates()
    {
        SignIn();
        Api.On(HttpMethod.Get, "/account/keys", 200, Listed.Replace("]", "," + """{"id":"key_0","name":null,"prefix":"sk_old1","createdAt":"2026-10-01T00:00:00Z","revokedAt":"2026-11-01T08:00:00Z","active":false}]""", StringComparison.Ordinal));

        var page = Render<Keys>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("tbody tr").Count));
        var cells = page.FindAll("tbody tr").Select(r => string.Join("|", r.QuerySelectorAll("td").Take(4).Select(c => c.TextContent))).ToArray();
        Assert.Equal("production|sk_7Hq2…|2026-11-02 09:30|Active", cells[0]);
        Assert.Equal("(unnamed)|sk_old1…|2026-10-01 00:00|Revoked 2026-11-01 08:00", cells[1]);
    }

    [Fact]
    public void Revoke_asks_for_confirmation()
    {
        SignIn();
        Api.On(HttpMethod.Get, "/account/keys", 200, Listed);
        Api.On(HttpMethod.Delete, "/account/keys/key_1", 204, "");
        var page = Render<Keys>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("tbody tr")));

        page.Find("button[aria-label='Revoke production']").Click();
        Assert.Empty(Api.BodiesOf(HttpMethod.Delete, "/account/keys/key_1"));
        Assert.Contains("URLs it signed stop working", page.Markup, StringComparison.Ordinal);
        page.Find("button.danger").Click();

        page.WaitForAssertion(() => Assert.Single(Api.BodiesOf(HttpMethod.Delete, "/account/keys/key_1")));
    }
}
