namespace ImageService.Api.Billing;

/// <summary>POST /billing/checkout: the plan to buy (<c>{"plan": "pro"}</c>).</summary>
public sealed record CheckoutRequest(string? Plan);
