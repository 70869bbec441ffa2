namespace ImageService.Api.Billing;

/// <summary><c>Billing:Stripe</c>: the secret key (<c>sk_test_…</c>/<c>sk_live_…</c> or a restricted <c>rk_…</c>), the
/// webhook endpoint's signing secret (<c>whsec_…</c>) and the API base (empty = Stripe itself; tests and local fakes only).</summary>
public sealed class BillingStripeOptions
{
    public string? SecretKey { get; set; }

    public string? WebhookSecret { get; set; }

    public string? ApiBase { get; set; }
}
