using Amazon.CDK.AWS.Apigatewayv2;
using HttpMethod = Amazon.CDK.AWS.Apigatewayv2.HttpMethod;
using Amazon.CDK.AWS.CertificateManager;
using Amazon.CDK.AwsApigatewayv2Authorizers;
using Amazon.CDK.AwsApigatewayv2Integrations;
using Constructs;
using ImageService.Routes;
using LambdaFunction = Amazon.CDK.AWS.Lambda.Function;

namespace ImageService.Infra.Constructs;

/// <summary>
/// The HTTP API: exactly the routes of <see cref="ServiceRoutes"/>, each to its route group's function. Owner routes sit
/// behind the JWT authorizer and again under /server for X-API-Key callers (the app checks the key); the delivery routes
/// (CloudFront's origin) and /health need no token. API Gateway checks the token, the app reads its claims.
/// </summary>
public sealed class ServiceApi : Construct
{
    private readonly Dictionary<string, HttpLambdaIntegration> _integrations = [];

    public HttpApi Api { get; }

    /// <summary>Base URL clients use: the custom domain when configured, otherwise the execute-api endpoint.</summary>
    public string Url { get; }

    public ServiceApi(Construct scope, string id, ServiceApiProps props) : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(props);
        Api = new HttpApi(this, "Http", new HttpApiProps
        {
            // A display name only (API ids are the physical identity), so the stage's stack name keeps consoles readable.
            ApiName = Amazon.CDK.Stack.Of(this).StackName,
            Description = "ImageService management and delivery API",
            CorsPreflight = new CorsPreflightOptions
            {
                AllowOrigins = props.CorsAllowedOrigins.ToArray(),
                AllowMethods = [CorsHttpMethod.GET, CorsHttpMethod.POST, CorsHttpMethod.PUT, CorsHttpMethod.PATCH, CorsHttpMethod.DELETE],
                AllowHeaders = ["authorization", "content-type", "if-match", "if-none-match", "x-api-key"],
                ExposeHeaders = ["etag", "location"],
                MaxAge = Amazon.CDK.Duration.Hours(1),
            },
            DefaultDomainMapping = CustomDomain(props),
        });
        Url = props.DomainName is null ? Api.ApiEndpoint : $"https://{props.DomainName}";

        var authorizer = new HttpJwtAuthorizer("Jwt", props.Identity.Issuer, new HttpJwtAuthorizerProps
        {
            JwtAudience = props.Identity.Audience.ToArray(),
        });
        foreach (var route in ServiceRoutes.All)
        {
            Add(route, props.Functions.For(route.Group), authorizer);
        }
    }

    /// <summary>An owner route twice: behind the JWT authorizer, and under <see cref="ServiceRoutes.ServerPathBase"/>
    /// without it for server-to-server callers with <c>X-API-Key</c> (the authorizer refuses requests without a bearer
    /// token; the app authenticates the key, and the functions validate no bearer token themselves, so only a key gets in
    /// there). A public route once, without the authorizer.</summary>
    private void Add(ServiceRoute route, LambdaFunction function, HttpJwtAuthorizer authorizer)
    {
        var integration = Integration(function);
        HttpMethod[] methods = [Enum.Parse<HttpMethod>(route.Method)];
        if (route.Access == RouteAccess.Owner)
        {
            Api.AddRoutes(new AddRoutesOptions { Path = route.Path, Methods = methods, Integration = integration, Authorizer = authorizer });
            Api.AddRoutes(new AddRoutesOptions { Path = ServiceRoutes.ServerPathBase + route.Path, Methods = methods, Integration = integration });
        }
        else
        {
            Api.AddRoutes(new AddRoutesOptions { Path = route.Path, Methods = methods, Integration = integration });
        }
    }

    /// <summary>One integration per function, shared by its routes.</summary>
    private HttpLambdaIntegration Integration(LambdaFunction function)
    {
        if (!_integrations.TryGetValue(function.Node.Id, out var integration))
        {
            integration = new HttpLambdaIntegration(function.Node.Id + "Integration", function, new HttpLambdaIntegrationProps
            {
                PayloadFormatVersion = PayloadFormatVersion.VERSION_2_0,
            });
            _integrations.Add(function.Node.Id, integration);
        }

        return integration;
    }

    private DomainMappingOptions? CustomDomain(ServiceApiProps props)
    {
        if (props.DomainName is null || props.CertificateArn is null)
        {
            return null;
        }

        var domain = new DomainName(this, "Domain", new DomainNameProps
        {
            DomainName = props.DomainName,
            Certificate = Certificate.FromCertificateArn(this, "Certificate", props.CertificateArn),
        });
        return new DomainMappingOptions { DomainName = domain };
    }
}
