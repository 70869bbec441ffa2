using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ImageService.Api.Billing;
using ImageService.Api.Tests.Delivery;
using ImageService.Core.Accounts;
using ImageService.Core.Billing;
using ImageService.Core.Usage;
using ImageService.FakeStripe;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace ImageService.Billing.Tests;

/// <summary>
/// The API (embedded backend, the JIT build that ships billing) with the real Stripe.net client pointed at a
/// <see cref="FakeStripeServer"/> on loopback, on a clock the test moves (shared with the fake, so signatures and
/// periods agree). The fake posts its signed events straight into the in-memory server. Background billing work (the
/// local worker) is off: tests run the processor and reporter themselves, so nothing runs behind their back.
/// </summary>
public sealed class BillingTestApp : IAsyncDisposable
{
    public const string SecretKey = "sk_test_billing_tests";
    public const string WebhookSecret = "whsec_billing_tests";
    public const string ProPrice = "price_pro_monthly";
    public const string BusinessPrice = "price_business_monthly";
    public const string ProTransformationsOverage = "price_pro_transformations";
    public const string ProBandwidthOverage = "price_pro_bandwidth";
    public const long ProIncludedTransformations = 100;

    private BillingTestApp(FakeStripeServer stripe, ImageServiceApp app, FrozenTime time)
    {
        Stripe = stripe;
        App = app;
        Time = time;
    }

    public FakeStripeServer Stripe { get; }

    public ImageServiceApp App { get; }

    public FrozenTime Time { get; }

    public IAccountStore Accounts => App.Services.GetRequiredService<IAccountStore>();

    public IBillingStore Store => App.Services.GetRequiredService<IBillingStore>();

    public BillingEventProcessor Events => App.Services.GetRequiredService<BillingEventProcessor>();

    public MeterReporter Reporter => App.Services.GetRequiredService<MeterReporter>();

    /// <summary><paramref name="restartOf"/>: a new process on the same data directory, clock and Stripe (the old one
    /// must not be used after; disposing the new one disposes the shared fake).</summary>
    public static async Task<BillingTestApp> StartAsync(Dictionary<string, string?>? settings = null, BillingTestApp? restartOf = null)
    {
        var time = restartOf?.Time ?? new FrozenTime();
        if (restartOf is null && time.GetUtcNow() - new DateTimeOffset(time.GetUtcNow().Year, time.GetUtcNow().Month, 1, 0, 0, 0, TimeSpan.Zero) < TimeSpan.FromHours(1))
        {
            // A run in a month's first hour reports the month before (MeterReporter): keep the tests' usage and reports in one month.
            time.Advance(TimeSpan.FromHours(1));
        }
        var stripe = restartOf?.Stripe ?? await FakeStripeServer.StartAsync(new FakeStripeOptions { WebhookSecret = WebhookSecret, Time = time });
        var dataDirectory = restartOf?.App.DataDirectory;
        var all = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Billing:Stripe:SecretKey"] = SecretKey,
            ["Billing:Stripe:WebhookSecret"] = WebhookSecret,
            ["Billing:Stripe:ApiBase"] = stripe.BaseUrl,
            ["Billing:SuccessUrl"] = "https://dashboard.example/app/?billing=success&session_id={CHECKOUT_SESSION_ID}",
            ["Billing:CancelUrl"] = "https://dashboard.example/app/?billing=canceled",
            ["Billing:PortalReturnUrl"] = "https://dashboard.example/app/",
            ["Plans:DefaultPlanId"] = "free",
            ["Plans:pro:StripePriceId"] = ProPrice,
            ["Plans:pro:MonthlyTransformations"] = ProIncludedTransformations.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Plans:pro:Overage:TransformationsPriceId"] = ProTransformationsOverage,
            ["Plans:pro:Overage:BandwidthPriceId"] = ProBandwidthOverage,
            ["Plans:business:StripePriceId"] = BusinessPrice,
        };
        if (dataDirectory is not null)
        {
            all["Storage:DataDirectory"] = dataDirectory;
        }
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }
        var app = new ImageServiceApp(all)
        {
            ConfigureServicesForTest = services =>
            {
                services.Replace(ServiceDescriptor.Singleton<TimeProvider>(time));
                foreach (var worker in services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(BillingWorker)).ToList())
                {
                    services.Remove(worker);
                }
            },
        };
        stripe.WebhookClient = app.CreateClient();
        stripe.WebhookUrl = "http://localhost/billing/webhook";
        return new BillingTestApp(stripe, app, time);
    }

    public HttpClient Client(string user) => App.CreateClient(user);

    public static StringContent JsonBody(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    public async Task<JsonElement> AccountAsync(string user)
    {
        using var client = Client(user);
        using var response = await client.GetAsync(new Uri("/account", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }

    /// <summary>POST /billing/checkout for the plan; the Checkout Session id from the returned URL.</summary>
    public async Task<string> CheckoutAsync(string user, string plan = "pro")
    {
        using var client = Client(user);
        using var response = await client.PostAsync(new Uri("/billing/checkout", UriKind.Relative), BillingTestApp.JsonBody($"{{\"plan\":\"{plan}\"}}"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var url = (await response.JsonAsync()).GetProperty("url").GetString()!;
        Assert.StartsWith(Stripe.BaseUrl + "/checkout/", url, StringComparison.Ordinal);
        return url[(Stripe.BaseUrl.Length + "/checkout/".Length)..];
    }

    /// <summary>Checkout, then the customer pays: the fake sends its events to the webhook; waits until they are applied.</summary>
    public async Task<string> SubscribeAsync(string user, string plan = "pro")
    {
        var subscription = await Stripe.CompleteCheckoutAsync(await CheckoutAsync(user, plan));
        await UntilAsync(user, account => account.GetProperty("billing").GetProperty("status").GetString() == "active"
            && account.GetProperty("plan").GetProperty("id").GetString() == plan);
        return subscription;
    }

    /// <summary>Events are applied after the webhook answered (Response.OnCompleted): wait for the account to show it.</summary>
    public async Task<JsonElement> UntilAsync(string user, Func<JsonElement, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var account = await AccountAsync(user);
            if (condition(account))
            {
                return account;
            }
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"The account never reached the expected state; last: {account}");
            }
            await Task.Delay(20);
        }
    }

    /// <summary>POSTs any event JSON (signed like Stripe signs) to the webhook.</summary>
    public async Task<HttpResponseMessage> DeliverAsync(JsonObject stripeEvent, DateTimeOffset? signedAt = null, string? secret = null) =>
        await Stripe.DeliverAsync(stripeEvent, signedAt, secret);

    /// <summary>Usage as the delivery route records it (through the recorder, so reads see it at once).</summary>
    public Task AddUsageAsync(string user, UsageDelta delta) =>
        App.Services.GetRequiredService<ImageService.Api.Usage.UsageRecorder>().RecordAsync(user, UsageMonth.Of(Time.GetUtcNow()), delta);

    public async ValueTask DisposeAsync()
    {
        if (!_restarted)
        {
            await Stripe.DisposeAsync();
        }
        await App.DisposeAsync();
    }

    /// <summary>Another process on this one's data directory, clock and Stripe: use only the new one afterwards, and
    /// dispose it before this one (which owns the data directory).</summary>
    public Task<BillingTestApp> RestartAsync(Dictionary<string, string?>? settings = null)
    {
        _restarted = true;
        return StartAsync(settings, this);
    }

    private bool _restarted;
}
