using System.Diagnostics;
using System.Net;
using ImageService.FakeStripe;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ImageService.Dashboard.BrowserTests;

/// <summary>
/// The service as a user meets it: the real API in the Development environment (development sign-in, local accounts
/// on pro) on Kestrel at 127.0.0.1 and a port the OS picks, the embedded backend in a temp dir, and one headless
/// Chromium shared by the tests. Files above 256 KB take the presigned upload flow. Billing talks to the fake Stripe
/// (tests/ImageService.FakeStripe) on its own loopback port: its Checkout page's "Pay" button sends signed webhooks
/// to this server's /billing/webhook, as Stripe would.
/// </summary>
public sealed class DashboardServer : IAsyncLifetime, IDisposable
{
    public const long InlineMaxBytes = 256 * 1024;

    private const string WebhookSecret = "whsec_dashboard_browser_tests";

    private ImageServiceApp? app;
    private IPlaywright? playwright;
    private FakeStripeServer? stripe;
    private StaticDashboardHost? trimmed;

    public FakeStripeServer Stripe => stripe!;

    public Uri BaseAddress { get; private set; } = default!;

    public IBrowser Browser { get; private set; } = default!;

    public ImageServiceApp App => app!;

    /// <summary>The trimmed Release publish of the dashboard served as static files, with this server's API behind
    /// the same origin (<see cref="StaticDashboardHost"/>).</summary>
    public Uri TrimmedBaseAddress => trimmed!.BaseAddress;

    public static string ScreenshotDirectory { get; } = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;

    public async Task InitializeAsync()
    {
        var chromium = await EnsureChromiumAsync();
        // Before anything else runs: the publish takes both cores for a while.
        var trimmedWebRoot = await TrimmedDashboard.PublishAsync();
        trimmed = await StaticDashboardHost.StartAsync(trimmedWebRoot, () => BaseAddress, InlineMaxBytes);
        stripe = await FakeStripeServer.StartAsync(new FakeStripeOptions { WebhookSecret = WebhookSecret });
        app = new ImageServiceApp(new()
        {
            ["Uploads:InlineMaxBytes"] = InlineMaxBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Plans:DefaultPlanId"] = "pro",
            ["Plans:business:StripePriceId"] = "price_business_monthly",
            ["Billing:Stripe:SecretKey"] = "sk_test_dashboard_browser_tests",
            ["Billing:Stripe:WebhookSecret"] = WebhookSecret,
            ["Billing:Stripe:ApiBase"] = stripe.BaseUrl,
        })
        { EnvironmentName = "Development" };
        app.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        app.StartServer();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/");
        // Over the network, as Stripe delivers: the signature is checked by the API, not trusted because it is local.
        stripe.WebhookUrl = new Uri(BaseAddress, "billing/webhook").ToString();

        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            // Root in a container has no user namespace sandbox; /dev/shm is small there.
            Args = ["--no-sandbox", "--disable-dev-shm-usage"],
        });
    }

    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        context.SetDefaultTimeout(30_000);
        await context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new() { Origin = BaseAddress.GetLeftPart(UriPartial.Authority) });
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }
        playwright?.Dispose();
        if (app is not null)
        {
            await app.DisposeAsync();
        }
        if (stripe is not null)
        {
            await stripe.DisposeAsync();
        }
        if (trimmed is not null)
        {
            await trimmed.DisposeAsync();
        }
    }

    public void Dispose() => app?.Dispose();

    /// <summary>CHROMIUM_PATH, else Debian's /usr/bin/chromium, installed by install-chromium.sh when missing.</summary>
    private static async Task<string> EnsureChromiumAsync()
    {
        var path = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } configured ? configured : "/usr/bin/chromium";
        if (File.Exists(path))
        {
            return path;
        }
        var install = Process.Start(new ProcessStartInfo("sh", [Path.Combine(AppContext.BaseDirectory, "install-chromium.sh")])
        {
            RedirectStandardError = true,
            Environment = { ["CHROMIUM_PATH"] = path },
        })!;
        var errors = await install.StandardError.ReadToEndAsync();
        await install.WaitForExitAsync();
        if (install.ExitCode != 0 || !File.Exists(path))
        {
            throw new InvalidOperationException($"Chromium for the browser tests is not available (install-chromium.sh exited {install.ExitCode}): {errors}");
        }
        return path;
    }
}
