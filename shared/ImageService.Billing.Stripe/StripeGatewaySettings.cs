namespace ImageService.Billing.Stripe;

/// <summary><c>Billing:Stripe:SecretKey</c>, <c>WebhookSecret</c> and <c>ApiBase</c> (empty = api.stripe.com).</summary>
public sealed record StripeGatewaySettings(string SecretKey, string WebhookSecret, string? ApiBase);
