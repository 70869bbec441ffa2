namespace ImageService.Core.Billing;

public static class BillingStatuses
{
    /// <summary>Stripe's name of the status (<c>past_due</c>, <c>incomplete_expired</c>, …); <c>none</c> for no subscription.</summary>
    public static string Name(this BillingStatus status) => status switch
    {
        BillingStatus.None => "none",
        BillingStatus.Active => "active",
        BillingStatus.Trialing => "trialing",
        BillingStatus.PastDue => "past_due",
        BillingStatus.Canceled => "canceled",
        BillingStatus.Unpaid => "unpaid",
        BillingStatus.Incomplete => "incomplete",
        BillingStatus.IncompleteExpired => "incomplete_expired",
        BillingStatus.Paused => "paused",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    /// <summary>A Stripe subscription status; null for a name this service does not know.</summary>
    public static BillingStatus? Parse(string? name) =>
        Enum.GetValues<BillingStatus>().Where(s => s.Name() == name).Select(s => (BillingStatus?)s).FirstOrDefault();

    /// <summary>The subscription pays for its plan now (past_due only within its grace period: see <see cref="BillingPolicy"/>).</summary>
    public static bool IsLive(this BillingStatus status) => status is BillingStatus.Active or BillingStatus.Trialing or BillingStatus.PastDue;
}
