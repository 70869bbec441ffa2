#if BILLING_HOST
using ImageService.Billing.Stripe;
using ImageService.Core.Billing;
using Microsoft.Extensions.Options;

namespace ImageService.Api.Billing;

/// <summary>Only in builds with Stripe.net (<c>BillingHost=true</c>: dotnet run, the tests, the billing function's
/// publish); the Native AOT artifact compiles without this file's body and has no gateway.</summary>
internal static class StripeGatewayRegistration
{
    public static void AddStripeGateway(IServiceCollection services)
    {
        services.AddSingleton<IBillingGateway>(sp =>
        {
            var stripe = sp.GetRequiredService<IOptions<BillingOptions>>().Value.Stripe;
            // One client for the process; connections are recycled so DNS changes at Stripe are picked up.
            var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            {
                Timeout = TimeSpan.FromSeconds(20),
            };
            return new StripeBillingGateway(new StripeGatewaySettings(stripe.SecretKey!, stripe.WebhookSecret ?? "", stripe.ApiBase), http);
        });
    }
}
#endif
