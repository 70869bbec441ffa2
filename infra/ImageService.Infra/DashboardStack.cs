using Amazon.CDK;
using Constructs;
using ImageService.Infra.Constructs;

namespace ImageService.Infra;

/// <summary>
/// The customer dashboard of one stage, in its own stack beside the API's (<c>ImageService-{stage}-Dashboard</c>,
/// deployed after it by <c>cdk deploy --all</c>): it depends on the API stack (API URL, delivery domain, user pool),
/// never the other way, so the API deploys and tests stand alone.
/// </summary>
public sealed class DashboardStack : Stack
{
    public static string StackNameFor(string stage) => $"ImageService-{stage}-Dashboard";

    public DashboardSite Site { get; }

    public DashboardStack(Construct scope, DashboardStackProps props)
        : base(scope, StackNameFor(props?.Stage.Name ?? throw new ArgumentNullException(nameof(props))), new StackProps
        {
            Description = $"ImageService ({props.Stage.Name}): customer dashboard",
        })
    {
        var service = props.Service;
        Amazon.CDK.Tags.Of(this).Add("service", "ImageService");
        Amazon.CDK.Tags.Of(this).Add("stage", props.Stage.Name);
        Site = new DashboardSite(this, "Dashboard", new DashboardSiteProps
        {
            PublishDirectory = props.PublishDirectory,
            ApiUrl = service.ApiUrl,
            DeliveryBaseUrl = props.Stage.CdnDomainName is { } domain ? $"https://{domain}" : $"https://{service.Cdn.Distribution.DistributionDomainName}",
            UserPool = service.Identity.UserPool,
            Client = service.Identity.Client,
            SignInDomainPrefix = $"imageservice-{props.Stage.Name}-{Aws.ACCOUNT_ID}",
            Retain = props.Stage.RetainData,
            PriceClass = props.Stage.PriceClass,
        });
        _ = new CfnOutput(this, "DashboardUrl", new CfnOutputProps { Value = Site.Url, Description = "The customer dashboard" });
        if (Site.SignInDomain is not null)
        {
            _ = new CfnOutput(this, "SignInDomain", new CfnOutputProps { Value = Site.SignInDomain.BaseUrl(), Description = "Cognito hosted sign-in" });
        }
    }
}
