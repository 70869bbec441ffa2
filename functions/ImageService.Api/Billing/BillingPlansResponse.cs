namespace ImageService.Api.Billing;

/// <summary>GET /billing/plans: every plan, and the one new accounts start on.</summary>
public sealed record BillingPlansResponse(string DefaultPlanId, IReadOnlyList<BillingPlanResponse> Plans);
