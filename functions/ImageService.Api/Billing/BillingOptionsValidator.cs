using ImageService.Api.Hosting;
using Microsoft.Extensions.Options;

namespace ImageService.Api.Billing;

/// <summary>What the attributes on <see cref="BillingOptions"/> cannot say: the secrets come as a pair, the URLs are
/// absolute, the free plan exists, the meters have names. Each failure names its full key.</summary>
internal sealed class BillingOptionsValidator(IOptions<PlanCatalogOptions> plans) : IValidateOptions<BillingOptions>
{
    public ValidateOptionsResult Validate(string? name, BillingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var stripe = options.Stripe;
        if (options.StripeConfigured && string.IsNullOrWhiteSpace(stripe.WebhookSecret))
        {
            failures.Add("Billing:Stripe:WebhookSecret must be set with Billing:Stripe:SecretKey (the plan follows the subscription through webhooks).");
        }
        CheckUrl(failures, "Billing:Stripe:ApiBase", stripe.ApiBase);
        CheckUrl(failures, "Billing:SuccessUrl", options.SuccessUrl);
        CheckUrl(failures, "Billing:CancelUrl", options.CancelUrl);
        CheckUrl(failures, "Billing:PortalReturnUrl", options.PortalReturnUrl);
        if (!plans.Value.Plans.ContainsKey(options.FreePlanId))
        {
            failures.Add($"Billing:FreePlanId '{options.FreePlanId}' is not a plan (plans: {string.Join(", ", plans.Value.Plans.Keys)}).");
        }
        if (string.IsNullOrWhiteSpace(options.TransformationsMeterEventName) || string.IsNullOrWhiteSpace(options.BandwidthMeterEventName))
        {
            failures.Add("Billing:TransformationsMeterEventName and Billing:BandwidthMeterEventName must not be empty.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckUrl(List<string> failures, string key, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value)
            && !(Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)))
        {
            failures.Add($"{key} must be an absolute http(s) URL.");
        }
    }
}
