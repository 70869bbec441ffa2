namespace ImageService.Api.Billing;

/// <summary>Where to send the customer's browser: a Checkout Session or a Billing Portal session.</summary>
public sealed record BillingUrlResponse(string Url);
