using Amazon.CDK.AWS.Apigatewayv2;
using HttpMethod = Amazon.CDK.AWS.Apigatewayv2.HttpMethod;
using Amazon.CDK.AWS.CertificateManager;
using Amazon.CDK.AwsApigatewayv2Authorizers;
using Amazon.CDK.AwsApigatewayv2Integrations;
using Constructs;
using LambdaFunction = Amazon.CDK.AWS.Lambda.Function;

namespace ImageService.Infra.Constructs;

/// <summary>
/// The HTTP API: management routes behind the JWT authorizer, each to its route group's function, and again under
/// /server for X-API-Key callers (the app checks the key); the delivery routes (CloudFront's origin) and /health without
/// auth. API Gateway checks the token, the app reads its claims.
/// </summary>
public sealed class ServiceApi : Construct
{
    /// <summary>The app's prefix for X-API-Key callers (ApiKeyDefaults.ServerPathBase in the API).</summary>
    public const string ServerPathBase = "/server";

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
                AllowMethods = [CorsHttpMethod.GET, CorsHttpMethod.POST, CorsHttpMethod.PATCH, CorsHttpMethod.DELETE],
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
        var functions = props.Functions;
        Authenticated(authorizer, functions.Upload, HttpMethod.POST, "/images", "/images/uploads", "/images/{id}/complete");
        Authenticated(authorizer, functions.Get, HttpMethod.GET,
            "/images/{id}", "/images/{id}/original", "/images/{id}/display", "/images/{id}/thumbnail");
        // On-the-fly transforms of one's own image render (and store derived results) like delivery does, so they
        // run in the transform function: the Api maps /images/{id}/content in its transform route group.
        Authenticated(authorizer, functions.Transform, HttpMethod.GET, "/images/{id}/content");
        Authenticated(authorizer, functions.List, HttpMethod.GET, "/images");
        Authenticated(authorizer, functions.Update, HttpMethod.PATCH, "/images/{id}");
        Authenticated(authorizer, functions.Delete, HttpMethod.DELETE, "/images/{id}");
        Authenticated(authorizer, functions.Account, HttpMethod.GET, "/account", "/account/keys", "/usage", "/usage/current");
        Authenticated(authorizer, functions.Account, HttpMethod.PATCH, "/account");
        Authenticated(authorizer, functions.Account, HttpMethod.POST, "/account/keys", "/account/signed-urls");
        Authenticated(authorizer, functions.Account, HttpMethod.DELETE, "/account/keys/{id}");

        // Liveness and storage readiness for load balancers and uptime checks: no token.
        Public(functions.Get, "/health", HttpMethod.GET);
        // Delivery: the image key in the path is the credential (plus optional signed-URL parameters).
        // Literal first segments (/images, /health) win over this catch-all in HTTP API route selection.
        Public(functions.Transform, "/{publicKey}/{proxy+}", HttpMethod.GET, HttpMethod.HEAD);
        // Delivery on a customer's custom domain (img.shop.example/{image}): the host (X-Forwarded-Host from CloudFront)
        // names the account. Single literal segments (/health, /images, /account, /usage) still win over it.
        Public(functions.Transform, "/{image}", HttpMethod.GET, HttpMethod.HEAD);
    }

    /// <summary>Each management route twice: behind the JWT authorizer, and under <see cref="ServerPathBase"/> without it
    /// for server-to-server callers with <c>X-API-Key</c> (the authorizer refuses requests without a bearer token; the
    /// app authenticates the key, and the functions validate no bearer token themselves, so only a key gets in there).</summary>
    private void Authenticated(HttpJwtAuthorizer authorizer, LambdaFunction function, HttpMethod method, params string[] paths)
    {
        var integration = Integration(function);
        foreach (var path in paths)
        {
            Api.AddRoutes(new AddRoutesOptions { Path = path, Methods = [method], Integration = integration, Authorizer = authorizer });
            Api.AddRoutes(new AddRoutesOptions { Path = ServerPathBase + path, Methods = [method], Integration = integration });
        }
    }

    private void Public(LambdaFunction function, string path, params HttpMethod[] methods) =>
        Api.AddRoutes(new AddRoutesOptions { Path = path, Methods = methods, Integration = Integration(function) });

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
