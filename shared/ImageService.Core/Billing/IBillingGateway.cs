namespace ImageService.Core.Billing;

/// <summary>
/// The payment provider (Stripe) as the service uses it. Implemented with Stripe.net in ImageService.Billing.Stripe,
/// which only the JIT build of the API references; a process without it (the Native AOT artifact) or without a secret
/// key has no gateway and answers the billing routes with 503 <c>billing-not-configured</c>. Failures throw
/// <see cref="BillingGatewayException"/>.
/// </summary>
public interface IBillingGateway
{
    /// <summary>The Stripe customer of the account, created once: the request carries an idempotency key derived from
    /// the account id and <c>metadata[account_id]</c>.</summary>
    Task<string> CreateCustomerAsync(string accountId, CancellationToken cancellationToken = default);

    /// <summary>A Checkout Session in subscription mode; returns its URL.</summary>
    Task<string> CreateCheckoutSessionAsync(CheckoutSessionRequest request, CancellationToken cancellationToken = default);

    /// <summary>A Billing Portal session for the customer; returns its URL.</summary>
    Task<string> CreatePortalSessionAsync(string customerId, string returnUrl, CancellationToken cancellationToken = default);

    /// <summary>The subscription as Stripe holds it now; null when Stripe has no such subscription.</summary>
    Task<BillingSubscription?> GetSubscriptionAsync(string subscriptionId, CancellationToken cancellationToken = default);

    /// <summary>Sends one meter event. Sending the same identifier again never counts twice (the identifier is also the
    /// idempotency key; Stripe refusing a known identifier counts as sent).</summary>
    Task ReportMeterEventAsync(MeterEvent meterEvent, CancellationToken cancellationToken = default);

    /// <summary>Verifies <c>Stripe-Signature</c> over the raw body (secret <c>Billing:Stripe:WebhookSecret</c>, 300 s
    /// tolerance against <paramref name="now"/>) and reads the event; throws <see cref="WebhookSignatureException"/>.</summary>
    BillingEvent ParseWebhook(string payload, string? signatureHeader, DateTimeOffset now);
}
