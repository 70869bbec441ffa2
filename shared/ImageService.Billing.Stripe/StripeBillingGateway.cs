using System.Globalization;
using System.Net;
using ImageService.Core.Billing;
using Stripe;
using Stripe.Checkout;
using BillingMeterEventCreateOptions = Stripe.Billing.MeterEventCreateOptions;
using BillingMeterEventService = Stripe.Billing.MeterEventService;
using PortalSessionCreateOptions = Stripe.BillingPortal.SessionCreateOptions;
using PortalSessionService = Stripe.BillingPortal.SessionService;

namespace ImageService.Billing.Stripe;

/// <summary>
/// <see cref="IBillingGateway"/> with Stripe.net: the official client, pointed at <see cref="StripeGatewaySettings.ApiBase"/>
/// (Stripe itself when empty; a fake on loopback in tests). Stripe.net retries network failures and 5xx with its own
/// idempotency keys; the keys given here make retries across requests and restarts safe too.
/// </summary>
public sealed class StripeBillingGateway : IBillingGateway
{
    public const string AccountIdMetadataKey = "account_id";
    public const string PlanIdMetadataKey = "plan_id";

    /// <summary>Stripe's default tolerance for webhook timestamps: 5 minutes.</summary>
    public const long WebhookToleranceSeconds = 300;

    private readonly StripeClient _client;
    private readonly string _webhookSecret;

    public StripeBillingGateway(StripeGatewaySettings settings, HttpClient httpClient)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(httpClient);
        _client = new StripeClient(
            apiKey: settings.SecretKey,
            httpClient: new SystemNetHttpClient(httpClient, maxNetworkRetries: 2),
            apiBase: string.IsNullOrEmpty(settings.ApiBase) ? null : settings.ApiBase.TrimEnd('/'));
        _webhookSecret = settings.WebhookSecret;
    }

    public async Task<string> CreateCustomerAsync(string accountId, CancellationToken cancellationToken = default)
    {
        var options = new CustomerCreateOptions { Metadata = new() { [AccountIdMetadataKey] = accountId } };
        // One customer per account however often checkout is retried: Stripe answers a repeated key with the first result.
        var customer = await Call(() => new CustomerService(_client).CreateAsync(options,
            new RequestOptions { IdempotencyKey = "customer:" + accountId }, cancellationToken));
        return customer.Id;
    }

    public async Task<string> CreateCheckoutSessionAsync(CheckoutSessionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var metadata = new Dictionary<string, string>
        {
            [AccountIdMetadataKey] = request.AccountId,
            [PlanIdMetadataKey] = request.PlanId,
        };
        var lineItems = new List<SessionLineItemOptions> { new() { Price = request.PriceId, Quantity = 1 } };
        // Metered prices take no quantity: Stripe bills what the meter events add up to.
        lineItems.AddRange(request.MeteredPriceIds.Select(price => new SessionLineItemOptions { Price = price }));
        var options = new SessionCreateOptions
        {
            Mode = "subscription",
            Customer = request.CustomerId,
            ClientReferenceId = request.AccountId,
            LineItems = lineItems,
            SuccessUrl = request.SuccessUrl,
            CancelUrl = request.CancelUrl,
            Metadata = metadata,
            SubscriptionData = new SessionSubscriptionDataOptions { Metadata = new Dictionary<string, string>(metadata) },
        };
        var session = await Call(() => new SessionService(_client).CreateAsync(options, cancellationToken: cancellationToken));
        return session.Url;
    }

    public async Task<string> CreatePortalSessionAsync(string customerId, string returnUrl, CancellationToken cancellationToken = default)
    {
        var options = new PortalSessionCreateOptions { Customer = customerId, ReturnUrl = returnUrl };
        var session = await Call(() => new PortalSessionService(_client).CreateAsync(options, cancellationToken: cancellationToken));
        return session.Url;
    }

    public async Task<BillingSubscription?> GetSubscriptionAsync(string subscriptionId, CancellationToken cancellationToken = default)
    {
        Subscription subscription;
        try
        {
            subscription = await Call(() => new SubscriptionService(_client).GetAsync(subscriptionId, cancellationToken: cancellationToken));
        }
        catch (BillingGatewayException missing) when (missing.NotFound)
        {
            return null;
        }
        var items = subscription.Items?.Data ?? [];
        var accountId = subscription.Metadata?.GetValueOrDefault(AccountIdMetadataKey);
        if (accountId is null && subscription.CustomerId is { } customerId)
        {
            // A subscription made outside our checkout (Dashboard, API): the customer names the account.
            var customer = await Call(() => new CustomerService(_client).GetAsync(customerId, cancellationToken: cancellationToken));
            accountId = customer.Metadata?.GetValueOrDefault(AccountIdMetadataKey);
        }
        DateTimeOffset? periodEnd = items.Count == 0 ? null : new DateTimeOffset(DateTime.SpecifyKind(items.Max(i => i.CurrentPeriodEnd), DateTimeKind.Utc));
        return new BillingSubscription(subscription.Id, subscription.CustomerId ?? "", accountId, subscription.Status,
            [.. items.Select(i => i.Price?.Id).OfType<string>()], periodEnd, subscription.CancelAtPeriodEnd);
    }

    public async Task ReportMeterEventAsync(MeterEvent meterEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(meterEvent);
        var options = new BillingMeterEventCreateOptions
        {
            EventName = meterEvent.EventName,
            Identifier = meterEvent.Identifier,
            Timestamp = meterEvent.Timestamp.UtcDateTime,
            Payload = new Dictionary<string, string>
            {
                ["stripe_customer_id"] = meterEvent.CustomerId,
                ["value"] = meterEvent.Value.ToString(CultureInfo.InvariantCulture),
            },
        };
        try
        {
            await Call(() => new BillingMeterEventService(_client).CreateAsync(options,
                new RequestOptions { IdempotencyKey = "meter:" + meterEvent.Identifier }, cancellationToken));
        }
        catch (BillingGatewayException known) when (known.InnerException is StripeException { StripeError.Code: "resource_already_exists" })
        {
            // Stripe already holds an event with this identifier (sent before a crash or by another reporter): counted once.
        }
    }

    public BillingEvent ParseWebhook(string payload, string? signatureHeader, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(signatureHeader))
        {
            throw new WebhookSignatureException("The Stripe-Signature header is missing.");
        }
        Event stripeEvent;
        try
        {
            // The API version of the endpoint may differ from the library's: only ids and the type are read here, and
            // the subscription itself is fetched with the library's version.
            stripeEvent = EventUtility.ConstructEvent(payload, signatureHeader, _webhookSecret, WebhookToleranceSeconds,
                now.ToUnixTimeSeconds(), throwOnApiVersionMismatch: false);
        }
        catch (StripeException invalid)
        {
            throw new WebhookSignatureException(invalid.Message, invalid);
        }
        catch (Newtonsoft.Json.JsonException malformed)
        {
            throw new WebhookSignatureException("The body is not a Stripe event.", malformed);
        }

        var (subscriptionId, accountId, customerId) = stripeEvent.Data?.Object switch
        {
            Session session => (session.SubscriptionId, session.ClientReferenceId, session.CustomerId),
            Subscription subscription => (subscription.Id, subscription.Metadata?.GetValueOrDefault(AccountIdMetadataKey), subscription.CustomerId),
            Invoice invoice => (invoice.Parent?.SubscriptionDetails?.SubscriptionId,
                invoice.Parent?.SubscriptionDetails?.Metadata?.GetValueOrDefault(AccountIdMetadataKey), invoice.CustomerId),
            _ => ((string?)null, (string?)null, (string?)null),
        };
        return new BillingEvent
        {
            Id = stripeEvent.Id,
            Type = stripeEvent.Type,
            Created = new DateTimeOffset(DateTime.SpecifyKind(stripeEvent.Created, DateTimeKind.Utc)),
            SubscriptionId = subscriptionId,
            AccountId = accountId,
            CustomerId = customerId,
            Payload = payload,
            ReceivedAt = now,
        };
    }

    private static async Task<T> Call<T>(Func<Task<T>> request)
    {
        try
        {
            return await request().ConfigureAwait(false);
        }
        catch (StripeException failure)
        {
            throw new BillingGatewayException(
                $"Stripe answered {(int)failure.HttpStatusCode}: {failure.StripeError?.Message ?? failure.Message}",
                failure.HttpStatusCode == HttpStatusCode.NotFound, failure);
        }
    }
}
