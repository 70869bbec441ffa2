using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace ImageService.Dashboard.BrowserTests;

/// <summary>What every browser test does: sign in through the page, check accessibility, keep a screenshot, and
/// notice any Content-Security-Policy refusal.</summary>
public static class Pages
{
    public static async Task SignInAsync(this IPage page, string user, string path = "app/")
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync(path);
        await page.GetByLabel("User name").FillAsync(user);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Overview" }).WaitForAsync();
    }

    public static async Task OpenAsync(this IPage page, string link, string heading)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = link, Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = heading, Level = 1 }).WaitForAsync();
        await page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Loading" }).WaitForAsync(new() { State = WaitForSelectorState.Detached });
    }

    /// <summary>axe-core on the whole page: no serious or critical violation.</summary>
    public static async Task AssertAccessibleAsync(this IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        var result = await page.RunAxe();
        var blocking = result.Violations.Where(v => v.Impact is "serious" or "critical").ToArray();
        Assert.True(blocking.Length == 0, $"axe on {name}: " + string.Join("; ", blocking.Select(Describe)));
    }

    public static Task ScreenshotAsync(this IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        return page.ScreenshotAsync(new() { Path = Path.Combine(DashboardServer.ScreenshotDirectory, name + ".png"), FullPage = true });
    }

    /// <summary>Collects the console's CSP refusals (the app must work under its own policy).</summary>
    public static List<string> CollectPolicyViolations(this IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                violations.Add(message.Text);
            }
        };
        return violations;
    }

    private static string Describe(AxeResultItem violation) =>
        $"{violation.Id} ({violation.Impact}): {violation.Help} at {string.Join(", ", violation.Nodes.Take(3).Select(n => n.Target?.ToString()))}";
}
