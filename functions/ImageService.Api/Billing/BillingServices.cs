using ImageService.Api.Hosting;
using ImageService.Api.Hosting.Configuration;
using ImageService.Core.Billing;
using ImageService.Lambda;
using Microsoft.Extensions.Options;

namespace ImageService.Api.Billing;

/// <summary>Billing's services: options, the plan policy (every process: GET /account and the quota gates use it),
/// the event processor and meter reporter, and — in a build with Stripe.net and a secret key — the gateway and, off
/// Lambda, the worker that retries and reports.</summary>
public static class BillingServices
{
    public static IServiceCollection AddBilling(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<BillingOptions>().BindConfiguration(BillingOptions.SectionName).ValidatedAtStart<BillingOptions, BillingOptionsAttributesValidator>();
        services.AddValidator<BillingOptions, BillingOptionsValidator>();
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<BillingOptions>>().Value;
            return new BillingPolicy(sp.GetRequiredService<PlanCatalog>(), options.FreePlanId, options.PastDueGracePeriod);
        });
        services.AddSingleton<BillingEventProcessor>();
        services.AddSingleton<MeterReporter>();
        services.AddSingleton(sp => new BillingGatewayAccess(sp.GetService<IBillingGateway>()));

        var configured = !string.IsNullOrWhiteSpace(configuration[$"{BillingOptions.SectionName}:Stripe:SecretKey"]);
#if BILLING_HOST
        if (configured)
        {
            StripeGatewayRegistration.AddStripeGateway(services);
        }
        var hasGateway = configured;
#else
        var hasGateway = false;
#endif
        // A Lambda sandbox is frozen between invocations, so its timers would fire at random; the schedule invokes it.
        if (hasGateway && !LambdaEnvironment.FromConfiguration(configuration).IsLambda)
        {
            services.AddHostedService<BillingWorker>();
        }
        return services;
    }
}
