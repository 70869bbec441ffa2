namespace ImageService.Contracts.Billing;

/// <summary>The <c>billing</c> member of GET /account (issue 12): the subscription state Stripe reports.</summary>
/// <param name="Status">none, active, trialing, past_due, canceled or unpaid.</param>
/// <param name="GraceUntil">While past due: when the plan falls back to the free plan's limits.</param>
public sealed record AccountBillingResponse(string Status, string? Plan, DateTimeOffset? CurrentPeriodEnd, bool CancelAtPeriodEnd, DateTimeOffset? GraceUntil);
