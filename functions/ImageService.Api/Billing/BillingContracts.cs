using ImageService.Core.Billing;

namespace ImageService.Api.Billing;

/// <summary>How Core's billing state becomes the shared contract record; an extension member keeps
/// <c>BillingStatusResponse.From(…)</c>.</summary>
internal static class BillingContracts
{
    extension(BillingStatusResponse)
    {
        /// <summary>GET /account's <c>billing</c>: the subscription's status (none, active, trialing, past_due, canceled,
        /// unpaid, incomplete, incomplete_expired, paused), the plan it buys, the period end, whether it ends then, and
        /// while past due until when the plan is kept.</summary>
        public static BillingStatusResponse From(AccountBilling billing)
        {
            ArgumentNullException.ThrowIfNull(billing);
            return new(billing.Status.Name(), billing.PlanId, billing.CurrentPeriodEnd, billing.CancelAtPeriodEnd, billing.GraceUntil);
        }
    }
}
