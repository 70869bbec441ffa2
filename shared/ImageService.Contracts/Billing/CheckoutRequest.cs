namespace ImageService.Contracts.Billing;

/// <summary>POST /billing/checkout: the plan to subscribe to (a plan id of GET /billing/plans).</summary>
public sealed record CheckoutRequest(string? Plan);
