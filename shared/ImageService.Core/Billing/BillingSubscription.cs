namespace ImageService.Core.Billing;

/// <summary>A subscription as Stripe holds it now (fetched through <see cref="IBillingGateway"/>, never taken from an
/// event's payload). <see cref="AccountId"/> is the subscription's (or else its customer's) <c>metadata.account_id</c>.</summary>
public sealed record BillingSubscription(
    string Id,
    string CustomerId,
    string? AccountId,
    string Status,
    IReadOnlyList<string> PriceIds,
    DateTimeOffset? CurrentPeriodEnd,
    bool CancelAtPeriodEnd);
