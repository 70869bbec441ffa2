using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace ImageService.Dashboard.BrowserTests;

[Collection(BrowserSuite.Name)]
public sealed partial class DashboardJourneyTests(DashboardServer server)
{
    private static string Photo => Path.Combine(AppContext.BaseDirectory, "photos", "kite.jpg");

    [Fact]
    public async Task Every_page_is_accessible_works_at_375_px_and_under_its_policy()
    {
        foreach (var (width, suffix) in new[] { (1280, ""), (375, "-375") })
        {
            var page = await server.NewPageAsync(width, 800);
            var violations = page.CollectPolicyViolations();
            await page.GotoAsync("app/");
            await page.GetByLabel("User name").WaitForAsync();
            await page.AssertAccessibleAsync("sign-in" + suffix);
            await page.ScreenshotAsync("sign-in" + suffix);
            await page.SignInAsync("axe-user");
            foreach (var (link, heading) in new[] { ("Overview", "Overview"), ("Images", "Images"), ("Keys", "Keys"), ("Settings", "Settings"), ("Billing", "Billing") })
            {
                await page.OpenAsync(link, heading);
                await page.AssertAccessibleAsync(heading + suffix);
                await page.ScreenshotAsync(heading.ToLowerInvariant() + suffix);
                var overflow = await page.EvaluateAsync<int>("document.scrollingElement.scrollWidth - window.innerWidth");
                Assert.True(overflow <= 0, $"{heading} scrolls sideways by {overflow} px at {width} px");
            }
            Assert.Empty(violations);
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task Upload_a_photograph_see_its_thumbnail_and_build_a_320_px_webp()
    {
        var page = await server.NewPageAsync();
        await page.SignInAsync("photographer");
        await page.OpenAsync("Images", "Images");

        Assert.True(new FileInfo(Photo).Length > DashboardServer.InlineMaxBytes, "the photograph takes the presigned flow");
        await page.GetByLabel("Upload images").SetInputFilesAsync(Photo);

        var thumbnail = page.Locator(".grid img").First;
        await thumbnail.WaitForAsync();
        await page.WaitForFunctionAsync("() => { const i = document.querySelector('.grid img'); return i && i.complete && i.naturalWidth > 0; }");
        Assert.Equal(240, await thumbnail.EvaluateAsync<int>("i => i.naturalWidth"));
        Assert.DoesNotMatch("(?i)token|bearer", await thumbnail.GetAttributeAsync("src") ?? "");
        await page.AssertAccessibleAsync("images with a photo");
        await page.ScreenshotAsync("images-uploaded");

        await thumbnail.ClickAsync();
        await page.GetByLabel("Width").FillAsync("320");
        await page.GetByLabel("Format").SelectOptionAsync("webp");

        var preview = page.Locator("img.preview");
        await Assertions.Expect(preview).ToHaveAttributeAsync("src", WidthAndWebp());
        await page.WaitForFunctionAsync("() => { const i = document.querySelector('img.preview'); return i && i.complete && i.naturalWidth === 320 && /w=320&f=webp/.test(i.currentSrc); }");
        await Assertions.Expect(page.GetByTestId("preview-info")).ToContainTextAsync("image/webp");
        Assert.Matches("w=320&f=webp$", await page.GetByTestId("delivery-url").TextContentAsync() ?? "");
        await page.AssertAccessibleAsync("url builder");
        await page.ScreenshotAsync("image-detail");
    }

    [Fact]
    public async Task A_new_key_shows_its_secret_once()
    {
        var page = await server.NewPageAsync();
        await page.SignInAsync("key-maker");
        await page.OpenAsync("Keys", "Keys");

        await page.GetByLabel("Name").FillAsync("production");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();

        var secret = page.GetByTestId("secret");
        await Assertions.Expect(secret).ToHaveTextAsync(SecretPattern());
        var value = await secret.TextContentAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Copy secret" })).ToBeVisibleAsync();
        await page.ScreenshotAsync("keys-secret");
        await page.ReloadAsync();
        await page.GetByRole(AriaRole.Cell, new() { Name = "production", Exact = true }).WaitForAsync();

        Assert.DoesNotContain(value!, await page.ContentAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await page.GetByTestId("secret").CountAsync());
    }

    [Fact]
    public async Task An_invalid_allowed_origin_is_marked_with_its_error()
    {
        var page = await server.NewPageAsync();
        await page.SignInAsync("origin-setter");
        await page.OpenAsync("Settings", "Settings");

        await page.GetByRole(AriaRole.Button, new() { Name = "Add allowed origin" }).ClickAsync();
        await page.GetByLabel("Allowed origin 1", new() { Exact = true }).FillAsync("shop.example.com");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add allowed origin" }).ClickAsync();
        await page.GetByLabel("Allowed origin 2", new() { Exact = true }).FillAsync("https://bad origin/with path");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save settings" }).ClickAsync();

        var invalid = page.Locator(".entries li.invalid");
        await Assertions.Expect(invalid).ToHaveCountAsync(1);
        await Assertions.Expect(invalid.Locator("input")).ToHaveValueAsync("https://bad origin/with path");
        Assert.False(string.IsNullOrWhiteSpace(await invalid.Locator(".field-error").TextContentAsync()));
        await page.AssertAccessibleAsync("settings with an error");
        await page.ScreenshotAsync("settings-error");
    }

    [Fact]
    public async Task Signing_out_clears_the_token_and_an_ended_session_returns_to_its_page_after_sign_in()
    {
        var page = await server.NewPageAsync();
        await page.SignInAsync("leaver");
        await page.OpenAsync("Keys", "Keys");

        // The session ends (the token is no longer accepted): the next call answers 401.
        await page.EvaluateAsync("() => sessionStorage.setItem('imageservice.accessToken', 'expired-or-revoked')");
        await page.ReloadAsync();
        await page.GetByLabel("User name").WaitForAsync();
        Assert.Contains("returnUrl=keys", page.Url, StringComparison.Ordinal);
        await Assertions.Expect(page.GetByText("Your session has ended")).ToBeVisibleAsync();
        await page.GetByLabel("User name").FillAsync("leaver");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Keys", Level = 1 }).WaitForAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.GetByLabel("User name").WaitForAsync();

        Assert.Null(await page.EvaluateAsync<string?>("() => sessionStorage.getItem('imageservice.accessToken')"));
        await page.GotoAsync("app/keys");
        await page.GetByLabel("User name").WaitForAsync();
        Assert.Equal(0, await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).CountAsync());
    }

    [Fact]
    public async Task Upgrading_through_Stripe_Checkout_changes_the_plan_after_the_signed_webhook()
    {
        var page = await server.NewPageAsync();
        await page.SignInAsync("upgrader");
        await page.OpenAsync("Billing", "Billing");
        await Assertions.Expect(page.GetByTestId("current-plan")).ToHaveTextAsync("Pro");
        await Assertions.Expect(page.GetByTestId("billing-status")).ToHaveTextAsync("No subscription");

        await page.GetByRole(AriaRole.Button, new() { Name = "Upgrade to Business" }).ClickAsync();
        await page.WaitForURLAsync(url => url.StartsWith(server.Stripe.BaseUrl + "/checkout/", StringComparison.Ordinal));
        await page.ScreenshotAsync("stripe-checkout");
        await page.GetByRole(AriaRole.Button, new() { Name = "Pay" }).ClickAsync();
        await page.WaitForURLAsync(url => url.StartsWith(server.BaseAddress + "app/?billing=success&session_id=cs_", StringComparison.Ordinal));
        await page.GetByRole(AriaRole.Link, new() { Name = "Overview" }).WaitForAsync(); // still signed in after the round trip

        // The API applies the webhook's events after answering it, so the page may load a moment before they land.
        await page.OpenAsync("Billing", "Billing");
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await page.GetByTestId("current-plan").TextContentAsync() != "Business" && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
            await page.ReloadAsync();
            await page.GetByRole(AriaRole.Heading, new() { Name = "Billing", Level = 1 }).WaitForAsync();
            await page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Loading" }).WaitForAsync(new() { State = WaitForSelectorState.Detached });
        }
        await Assertions.Expect(page.GetByTestId("current-plan")).ToHaveTextAsync("Business");
        await Assertions.Expect(page.GetByTestId("billing-status")).ToHaveTextAsync("Active");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Manage billing" })).ToBeVisibleAsync();
        // Stripe's side: the subscription the fake made is for the business price, and it signed what it sent.
        var subscription = Assert.Single(server.Stripe.Subscriptions, s => s.ToJsonString().Contains("price_business_monthly", StringComparison.Ordinal));
        Assert.Equal("active", (string?)subscription["status"]);
        Assert.Contains(server.Stripe.Events, e => (string?)e["type"] == "checkout.session.completed");
        await page.AssertAccessibleAsync("billing after the upgrade");
        await page.ScreenshotAsync("billing-upgraded");
    }

    [GeneratedRegex("w=320&f=webp$")]
    private static partial Regex WidthAndWebp();

    [GeneratedRegex("^sk_[A-Za-z0-9_-]{20,}$")]
    private static partial Regex SecretPattern();
}
