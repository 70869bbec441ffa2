namespace ImageService.Contracts.Billing;

/// <summary>GET /account's <c>billing</c> (issue 12): the subscription's status (none, active, trialing, past_due,
/// canceled, unpaid, …), the plan it buys, the period end, whether it ends then, and while past due until when the
/// plan is kept.</summary>
public sealed record BillingStatusResponse(string Status, string? Plan, DateTimeOffset? CurrentPeriodEnd, bool CancelAtPeriodEnd, DateTimeOffset? GraceUntil);
