namespace ImageService.Core.Billing;

/// <summary>
/// The account's Stripe state, stored with the account: the customer (created once, on the first checkout), the
/// subscription the plan follows, its status, the plan its price buys, the period end, whether it ends then, and — while
/// past due — until when the plan is kept (<see cref="BillingPolicy"/>). Written only from state fetched from Stripe.
/// </summary>
public sealed record AccountBilling
{
    public static AccountBilling None { get; } = new();

    public string? CustomerId { get; init; }
    public string? SubscriptionId { get; init; }
    public BillingStatus Status { get; init; } = BillingStatus.None;
    /// <summary>The plan the subscription's price buys (kept after cancellation, for the record).</summary>
    public string? PlanId { get; init; }
    public DateTimeOffset? CurrentPeriodEnd { get; init; }
    public bool CancelAtPeriodEnd { get; init; }
    /// <summary>Past due: the subscribed plan's limits apply until then, the free plan's after.</summary>
    public DateTimeOffset? GraceUntil { get; init; }
}
