using ImageService.Api.Hosting.Configuration;
using ImageService.Core.Billing;

namespace ImageService.Api.Billing;

/// <summary>
/// Configuration section <c>Billing</c>. Without <c>Billing:Stripe:SecretKey</c> the routes that talk to Stripe answer
/// 503 <c>billing-not-configured</c>; the account's billing status and the overage decisions work regardless. On AWS
/// both Stripe secrets come from Secrets Manager (the stack passes their ARNs; see <see cref="BillingSecrets"/>).
/// </summary>
public sealed class BillingOptions
{
    public const string SectionName = "Billing";

    public BillingStripeOptions Stripe { get; set; } = new();

    /// <summary>Where Checkout sends the customer after paying; <c>{CHECKOUT_SESSION_ID}</c> is replaced by Stripe.
    /// Empty: the dashboard of the calling host (<c>/app/?billing=success&amp;session_id={CHECKOUT_SESSION_ID}</c>).</summary>
    public string? SuccessUrl { get; set; }

    /// <summary>Where Checkout sends a customer who gives up. Empty: <c>/app/?billing=canceled</c> of the calling host.</summary>
    public string? CancelUrl { get; set; }

    /// <summary>Where the Billing Portal's "return" link goes. Empty: <c>/app/</c> of the calling host.</summary>
    public string? PortalReturnUrl { get; set; }

    /// <summary>How long a past-due subscription keeps its plan after the first failed payment.</summary>
    [TimeSpanRange("00:00:00", "90.00:00:00")]
    public TimeSpan PastDueGracePeriod { get; set; } = BillingPolicy.DefaultGracePeriod;

    /// <summary>The plan an account falls to when its subscription ends (must be a plan).</summary>
    public string FreePlanId { get; set; } = BillingPolicy.DefaultFreePlanId;

    /// <summary>The event name of the Stripe meter behind the plans' transformation overage prices.</summary>
    public string TransformationsMeterEventName { get; set; } = "imageservice_transformations";

    /// <summary>The event name of the Stripe meter behind the plans' bandwidth overage prices (values in bytes).</summary>
    public string BandwidthMeterEventName { get; set; } = "imageservice_bandwidth_bytes";

    /// <summary>How often a local process reports overage (AWS: the hourly schedule).</summary>
    [TimeSpanRange("00:00:01", "1.00:00:00")]
    public TimeSpan MeterReportInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often a local process retries webhook events that failed to apply and meter reports that failed to send.</summary>
    [TimeSpanRange("00:00:01", "1.00:00:00")]
    public TimeSpan RetryInterval { get; set; } = TimeSpan.FromMinutes(1);

    public bool StripeConfigured => !string.IsNullOrWhiteSpace(Stripe.SecretKey);

    public string EventName(BillingMeter meter) =>
        meter == BillingMeter.Transformations ? TransformationsMeterEventName : BandwidthMeterEventName;
}
