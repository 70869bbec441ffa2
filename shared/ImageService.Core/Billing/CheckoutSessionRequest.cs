namespace ImageService.Core.Billing;

/// <summary>What a Checkout Session for a plan carries: the customer, <c>client_reference_id</c> = the account, the plan's
/// price (and its metered overage prices, so the subscription can bill them), <c>subscription_data[metadata]</c> with
/// account and plan, and where Stripe sends the customer back.</summary>
public sealed record CheckoutSessionRequest(
    string AccountId,
    string CustomerId,
    string PlanId,
    string PriceId,
    IReadOnlyList<string> MeteredPriceIds,
    string SuccessUrl,
    string CancelUrl);
