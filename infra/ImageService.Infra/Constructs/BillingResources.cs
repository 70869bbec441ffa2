using Amazon.CDK;
using Amazon.CDK.AWS.Events;
using Amazon.CDK.AWS.SecretsManager;
using Constructs;
using EventsTargets = Amazon.CDK.AWS.Events.Targets;

namespace ImageService.Infra.Constructs;

/// <summary>
/// What billing needs besides its function: the two Stripe secrets in Secrets Manager (created with placeholder values;
/// the real ones are set outside the stack with <c>aws secretsmanager put-secret-value</c>, then a redeploy picks them
/// up) and the hourly EventBridge rule that runs the meter reporter. CloudFormation resolves the secrets into the billing
/// function's environment at deploy (dynamic references), so their values never appear in the template.
/// </summary>
public sealed class BillingResources : Construct
{
    public const string SecretKeyVariable = "Billing__Stripe__SecretKey";
    public const string WebhookSecretVariable = "Billing__Stripe__WebhookSecret";

    public Secret StripeSecretKey { get; }

    public Secret StripeWebhookSecret { get; }

    public Rule MeterSchedule { get; }

    public BillingResources(Construct scope, string id, BillingResourcesProps props) : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(props);
        var removal = props.Retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
        StripeSecretKey = new Secret(this, "StripeSecretKey", new SecretProps
        {
            Description = "Stripe secret key (sk_live_... or a restricted rk_...) of the billing function; set its value outside the stack.",
            RemovalPolicy = removal,
        });
        StripeWebhookSecret = new Secret(this, "StripeWebhookSecret", new SecretProps
        {
            Description = "Signing secret (whsec_...) of the Stripe webhook endpoint {api}/billing/webhook; set its value outside the stack.",
            RemovalPolicy = removal,
        });
        props.Function.AddEnvironment(SecretKeyVariable, StripeSecretKey.SecretValue.UnsafeUnwrap());
        props.Function.AddEnvironment(WebhookSecretVariable, StripeWebhookSecret.SecretValue.UnsafeUnwrap());

        MeterSchedule = new Rule(this, "MeterSchedule", new RuleProps
        {
            Description = "Hourly: report metered overage to Stripe and apply webhook events left unapplied.",
            Schedule = Schedule.Rate(Duration.Hours(1)),
            Targets = [new EventsTargets.LambdaFunction(props.Function, new EventsTargets.LambdaFunctionProps { RetryAttempts = 2 })],
        });
    }
}
