namespace ImageService.Core.Billing;

/// <summary>An account's subscription state as Stripe reports it (<c>none</c>: never subscribed). The API names are
/// Stripe's (<see cref="BillingStatuses.Name"/>).</summary>
public enum BillingStatus
{
    None,
    Active,
    Trialing,
    PastDue,
    Canceled,
    Unpaid,
    Incomplete,
    IncompleteExpired,
    Paused,
}
