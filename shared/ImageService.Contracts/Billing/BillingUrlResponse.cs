namespace ImageService.Contracts.Billing;

/// <summary>The answer of POST /billing/checkout and POST /billing/portal: the Stripe page to send the user to.</summary>
public sealed record BillingUrlResponse(string Url);
