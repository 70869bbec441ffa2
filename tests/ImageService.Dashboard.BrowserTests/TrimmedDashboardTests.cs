using Microsoft.Playwright;

namespace ImageService.Dashboard.BrowserTests;

/// <summary>
/// The trimmed Release publish, the build that ships, in the browser: the other tests serve the Debug build (the API's
/// static web assets), which the trimmer never touched, and a trimming bug (the routed pages removed) once slipped
/// through that way. Here the publish is served as static files (as from S3 behind CloudFront) in front of the API, and
/// every page is used once: sign-in, the overview, an upload with its thumbnail, the URL builder, a key, settings,
/// billing, sign-out.
/// </summary>
[Collection(BrowserSuite.Name)]
public sealed class TrimmedDashboardTests(DashboardServer server)
{
    private static string Photo => Path.Combine(AppContext.BaseDirectory, "photos", "kite.jpg");

    [Fact]
    public async Task The_trimmed_publish_served_as_static_files_works_on_every_page()
    {
        var page = await server.NewPageAsync();
        var failures = new List<string>();
        page.PageError += (_, error) => failures.Add("page error: " + error);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                failures.Add($"console: {message.Text} ({message.Location})");
            }
        };
        var frameworkFiles = new List<string>();
        page.Response += (_, response) =>
        {
            if (response.Url.Contains("/_framework/", StringComparison.Ordinal))
            {
                frameworkFiles.Add(response.Url);
            }
        };

        try
        {
            await WalkEveryPageAsync(page, frameworkFiles);
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            // What the browser said is the useful part (a trimmed-away type shows up as a console error).
            throw new InvalidOperationException(ex.Message + "\nThe browser reported:\n" + string.Join("\n", failures), ex);
        }
        Assert.False(await page.Locator("#blazor-error-ui").IsVisibleAsync(), "the app's error bar is showing");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private async Task WalkEveryPageAsync(IPage page, List<string> frameworkFiles)
    {
        await page.SignInAsync("trimmed-user", server.TrimmedBaseAddress.ToString());
        // The app came from the publish (not the API's Debug build), its own assembly among the files.
        Assert.Contains(frameworkFiles, url => url.StartsWith(server.TrimmedBaseAddress + "_framework/ImageService.Dashboard.", StringComparison.Ordinal));
        Assert.All(frameworkFiles, url => Assert.StartsWith(server.TrimmedBaseAddress.ToString(), url, StringComparison.Ordinal));

        await page.OpenAsync("Overview", "Overview");
        await Assertions.Expect(page.GetByText("Pro").First).ToBeVisibleAsync();

        await page.OpenAsync("Images", "Images");
        await page.GetByLabel("Upload images").SetInputFilesAsync(Photo);
        var thumbnail = page.Locator(".grid img").First;
        await thumbnail.WaitForAsync();
        await page.WaitForFunctionAsync("() => { const i = document.querySelector('.grid img'); return i && i.complete && i.naturalWidth > 0; }");
        Assert.Equal(240, await thumbnail.EvaluateAsync<int>("i => i.naturalWidth"));
        await thumbnail.ClickAsync();
        await page.GetByLabel("Width").FillAsync("320");
        await page.GetByLabel("Format").SelectOptionAsync("webp");
        await page.WaitForFunctionAsync("() => { const i = document.querySelector('img.preview'); return i && i.complete && i.naturalWidth === 320; }");

        await page.OpenAsync("Keys", "Keys");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("secret")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^sk_"));

        await page.OpenAsync("Settings", "Settings");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Save settings" })).ToBeVisibleAsync();

        await page.OpenAsync("Billing", "Billing");
        await Assertions.Expect(page.GetByTestId("current-plan")).ToHaveTextAsync("Pro");
        await page.ScreenshotAsync("trimmed-billing");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.GetByLabel("User name").WaitForAsync();
    }
}
