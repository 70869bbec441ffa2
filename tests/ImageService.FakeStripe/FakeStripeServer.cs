using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ImageService.FakeStripe;

/// <summary>
/// A stateful fake of the parts of the Stripe API the service uses, on 127.0.0.1: customers, Checkout Sessions (with a
/// payment page whose "Pay" button completes the session), Billing Portal sessions (with a "Cancel subscription"
/// button), subscriptions and billing meter events. Requests are form-encoded as Stripe's API takes them and answered
/// with Stripe's JSON shapes and error objects; every request is recorded. Events are signed like Stripe signs them
/// and POSTed to <see cref="FakeStripeOptions.WebhookUrl"/>.
/// </summary>
public sealed partial class FakeStripeServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly FakeStripeOptions _options;
    private readonly Lock _gate = new();
    private readonly HttpClient _ownClient = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly List<FakeStripeRequest> _requests = [];
    private readonly List<JsonObject> _events = [];
    private readonly List<JsonObject> _meterEvents = [];
    private readonly Dictionary<string, JsonObject> _customers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonObject> _sessions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonObject> _portalSessions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonObject> _subscriptions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (int Status, string Body)> _idempotent = new(StringComparer.Ordinal);
    private long _sequence;

    private FakeStripeServer(WebApplication app, FakeStripeOptions options)
    {
        _app = app;
        _options = options;
    }

    /// <summary>http://127.0.0.1:PORT: the service's <c>Billing:Stripe:ApiBase</c>.</summary>
    public string BaseUrl { get; private set; } = "";

    public string? WebhookUrl
    {
        get => _options.WebhookUrl;
        set => _options.WebhookUrl = value;
    }

    public string WebhookSecret => _options.WebhookSecret;

    /// <summary>See <see cref="FakeStripeOptions.WebhookClient"/>.</summary>
    public HttpClient? WebhookClient
    {
        get => _options.WebhookClient;
        set => _options.WebhookClient = value;
    }

    /// <summary>The next this many meter event requests answer 500 (an <c>api_error</c>), as a Stripe outage would.</summary>
    public int FailNextMeterEvents { get; set; }

    /// <summary>The next this many meter event requests are accepted but answered 500, as a response lost on the way
    /// back: the caller cannot tell, and sends again.</summary>
    public int LoseNextMeterEventResponses { get; set; }

    /// <summary>When false, events are made and recorded but not sent (tests deliver them themselves, in any order).</summary>
    public bool DeliverEvents { get; set; } = true;

    public IReadOnlyList<FakeStripeRequest> Requests { get { lock (_gate) { return [.. _requests]; } } }

    /// <summary>Every event the fake made, oldest first (whether or not delivery succeeded).</summary>
    public IReadOnlyList<JsonObject> Events { get { lock (_gate) { return [.. _events.Select(Clone)]; } } }

    /// <summary>The meter events Stripe accepted (one per identifier).</summary>
    public IReadOnlyList<JsonObject> MeterEvents { get { lock (_gate) { return [.. _meterEvents.Select(Clone)]; } } }

    public IReadOnlyList<JsonObject> Customers { get { lock (_gate) { return [.. _customers.Values.Select(Clone)]; } } }

    public IReadOnlyList<JsonObject> Subscriptions { get { lock (_gate) { return [.. _subscriptions.Values.Select(Clone)]; } } }

    public static async Task<FakeStripeServer> StartAsync(FakeStripeOptions? options = null)
    {
        options ??= new FakeStripeOptions();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, options.Port));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeStripeServer(app, options);
        server.Map(app);
        await app.StartAsync();
        server.BaseUrl = new Uri(app.Urls.Single()).GetLeftPart(UriPartial.Authority);
        return server;
    }

    /// <summary>Completes when the process is asked to stop (Ctrl+C, SIGTERM).</summary>
    public Task WaitForShutdownAsync() => _app.WaitForShutdownAsync();

    public JsonObject? Customer(string id) => Find(_customers, id);

    public JsonObject? CheckoutSession(string id) => Find(_sessions, id);

    public JsonObject? Subscription(string id) => Find(_subscriptions, id);

    /// <summary>What the "Pay" button does: creates the session's subscription (active, the session's prices and
    /// <c>subscription_data[metadata]</c>), completes the session and sends <c>checkout.session.completed</c> and
    /// <c>customer.subscription.created</c>. Returns the subscription id.</summary>
    public async Task<string> CompleteCheckoutAsync(string sessionId)
    {
        List<JsonObject> events;
        string subscriptionId;
        lock (_gate)
        {
            var session = _sessions.GetValueOrDefault(sessionId) ?? throw new InvalidOperationException($"No checkout session {sessionId}.");
            if ((string?)session["status"] == "complete")
            {
                return (string)session["subscription"]!;
            }
            var now = Now();
            subscriptionId = NewId("sub");
            var items = new JsonArray();
            foreach (var price in session["_prices"]!.AsArray())
            {
                items.Add(new JsonObject
                {
                    ["id"] = NewId("si"),
                    ["object"] = "subscription_item",
                    ["price"] = Price((string)price!),
                    ["quantity"] = 1,
                    ["subscription"] = subscriptionId,
                    ["current_period_start"] = now,
                    ["current_period_end"] = now + (long)_options.Period.TotalSeconds,
                    ["metadata"] = new JsonObject(),
                    ["created"] = now,
                });
            }
            var subscription = new JsonObject
            {
                ["id"] = subscriptionId,
                ["object"] = "subscription",
                ["customer"] = (string?)session["customer"],
                ["status"] = "active",
                ["cancel_at_period_end"] = false,
                ["canceled_at"] = null,
                ["created"] = now,
                ["start_date"] = now,
                ["livemode"] = false,
                ["metadata"] = Clone(session["_subscription_metadata"]!.AsObject()),
                ["items"] = new JsonObject
                {
                    ["object"] = "list",
                    ["data"] = items,
                    ["has_more"] = false,
                    ["url"] = "/v1/subscription_items?subscription=" + subscriptionId,
                },
            };
            _subscriptions[subscriptionId] = subscription;
            session["status"] = "complete";
            session["payment_status"] = "paid";
            session["subscription"] = subscriptionId;
            events = [NewEvent("checkout.session.completed", Public(session)), NewEvent("customer.subscription.created", subscription)];
        }
        await SendAsync(events);
        return subscriptionId;
    }

    /// <summary>Changes a subscription's status as Stripe would (a failed renewal, a recovered payment, …) and sends
    /// <c>customer.subscription.updated</c>, or <c>customer.subscription.deleted</c> for <c>canceled</c>.</summary>
    public Task SetSubscriptionStatusAsync(string subscriptionId, string status) =>
        ChangeAsync(subscriptionId, subscription =>
        {
            subscription["status"] = status;
            if (status == "canceled")
            {
                subscription["canceled_at"] = Now();
                subscription["ended_at"] = Now();
            }
            return [status == "canceled" ? "customer.subscription.deleted" : "customer.subscription.updated"];
        });

    /// <summary>A renewal whose payment fails: the subscription goes past_due; <c>invoice.payment_failed</c> and
    /// <c>customer.subscription.updated</c> are sent.</summary>
    public Task FailPaymentAsync(string subscriptionId) =>
        ChangeAsync(subscriptionId, subscription =>
        {
            subscription["status"] = "past_due";
            return ["invoice.payment_failed", "customer.subscription.updated"];
        });

    /// <summary>A payment that succeeds (a retry after a failure): active again, <c>invoice.paid</c> and
    /// <c>customer.subscription.updated</c>.</summary>
    public Task PayInvoiceAsync(string subscriptionId) =>
        ChangeAsync(subscriptionId, subscription =>
        {
            subscription["status"] = "active";
            return ["invoice.paid", "customer.subscription.updated"];
        });

    /// <summary>Posts an event (one of <see cref="Events"/>, or any event JSON) to the webhook endpoint, signed at
    /// <paramref name="signedAt"/> (default now) with <paramref name="secret"/> (default the endpoint's).</summary>
    public async Task<HttpResponseMessage> DeliverAsync(JsonObject stripeEvent, DateTimeOffset? signedAt = null, string? secret = null)
    {
        ArgumentNullException.ThrowIfNull(stripeEvent);
        var url = _options.WebhookUrl ?? throw new InvalidOperationException("No webhook URL configured.");
        var payload = stripeEvent.ToJsonString();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation(StripeSignature.HeaderName,
            StripeSignature.Header(payload, secret ?? _options.WebhookSecret, signedAt ?? _options.Time.GetUtcNow()));
        request.Headers.UserAgent.ParseAdd("Stripe/1.0 (+https://stripe.com/docs/webhooks)");
        return await (_options.WebhookClient ?? _ownClient).SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _ownClient.Dispose();
    }

    private async Task ChangeAsync(string subscriptionId, Func<JsonObject, string[]> change)
    {
        List<JsonObject> events = [];
        lock (_gate)
        {
            var subscription = _subscriptions.GetValueOrDefault(subscriptionId) ?? throw new InvalidOperationException($"No subscription {subscriptionId}.");
            foreach (var type in change(subscription))
            {
                events.Add(NewEvent(type, type.StartsWith("invoice.", StringComparison.Ordinal) ? Invoice(subscription, type == "invoice.paid") : subscription));
            }
        }
        await SendAsync(events);
    }

    private async Task SendAsync(List<JsonObject> events)
    {
        if (!DeliverEvents || _options.WebhookUrl is null)
        {
            return;
        }
        foreach (var stripeEvent in events)
        {
            try
            {
                using var response = await DeliverAsync(stripeEvent);
            }
            catch (HttpRequestException)
            {
                // Stripe would retry later; the event stays in Events for a test or a person to deliver again.
            }
        }
    }

    // Under _gate.
    private JsonObject NewEvent(string type, JsonObject dataObject)
    {
        var stripeEvent = new JsonObject
        {
            ["id"] = NewId("evt"),
            ["object"] = "event",
            ["api_version"] = "2025-11-17.clover",
            ["created"] = Now(),
            ["type"] = type,
            ["livemode"] = false,
            ["pending_webhooks"] = 1,
            ["request"] = new JsonObject { ["id"] = null, ["idempotency_key"] = null },
            ["data"] = new JsonObject { ["object"] = Clone(dataObject) },
        };
        _events.Add(stripeEvent);
        return Clone(stripeEvent);
    }

    private JsonObject Invoice(JsonObject subscription, bool paid) => new()
    {
        ["id"] = NewId("in"),
        ["object"] = "invoice",
        ["customer"] = (string?)subscription["customer"],
        ["status"] = paid ? "paid" : "open",
        ["attempt_count"] = 1,
        ["created"] = Now(),
        ["livemode"] = false,
        ["parent"] = new JsonObject
        {
            ["type"] = "subscription_details",
            ["subscription_details"] = new JsonObject { ["subscription"] = (string?)subscription["id"], ["metadata"] = Clone(subscription["metadata"]!.AsObject()) },
        },
    };

    private static JsonObject Price(string id) => new()
    {
        ["id"] = id,
        ["object"] = "price",
        ["active"] = true,
        ["currency"] = "usd",
        ["type"] = "recurring",
        ["recurring"] = new JsonObject { ["interval"] = "month", ["interval_count"] = 1 },
        ["livemode"] = false,
    };

    private long Now() => _options.Time.GetUtcNow().ToUnixTimeSeconds();

    private string NewId(string prefix) =>
        prefix + "_test_" + Interlocked.Increment(ref _sequence).ToString("D6", CultureInfo.InvariantCulture) + Guid.NewGuid().ToString("N")[..10];

    private JsonObject? Find(Dictionary<string, JsonObject> map, string id)
    {
        lock (_gate)
        {
            return map.TryGetValue(id, out var found) ? Clone(found) : null;
        }
    }

    private static JsonObject Clone(JsonObject value) => JsonNode.Parse(value.ToJsonString())!.AsObject();

    /// <summary>A stored object without the fake's own bookkeeping fields (those starting with an underscore).</summary>
    private static JsonObject Public(JsonObject value)
    {
        var copy = Clone(value);
        foreach (var key in copy.Select(p => p.Key).Where(k => k.StartsWith('_')).ToList())
        {
            copy.Remove(key);
        }
        return copy;
    }
}
