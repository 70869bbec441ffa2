using ImageService.Core.Billing;

namespace ImageService.Api.Billing;

/// <summary>The payment gateway when this process has one: a JIT build with Stripe.net (BILLING_HOST) and
/// <c>Billing:Stripe:SecretKey</c> set. Null elsewhere, and the billing routes that need it answer 503.</summary>
public sealed class BillingGatewayAccess(IBillingGateway? gateway)
{
    public IBillingGateway? Gateway { get; } = gateway;
}
