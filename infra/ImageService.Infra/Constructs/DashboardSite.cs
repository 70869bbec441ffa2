using System.Reflection;
using Amazon.CDK;
using Amazon.CDK.AWS.CloudFront;
using Amazon.CDK.AWS.CloudFront.Origins;
using Amazon.CDK.AWS.Cognito;
using Amazon.CDK.AWS.S3;
using Amazon.CDK.AWS.S3.Deployment;
using Amazon.CDK.CustomResources;
using Constructs;
using ImageService.Contracts.Dashboard;
using CloudFrontFunction = Amazon.CDK.AWS.CloudFront.Function;

namespace ImageService.Infra.Constructs;

/// <summary>
/// The customer dashboard on AWS: its published static files in a private bucket behind its own CloudFront
/// distribution (not a behaviour of delivery's: customers' custom domains point at that one, and their image paths may
/// begin with app/). Fingerprinted <c>_framework</c> files are immutable for a year; index.html, config.json and the
/// other small unfingerprinted files are revalidated on every load. The hosted sign-in gets the pool's domain and the
/// app client's callback and logout URLs.
/// </summary>
public sealed class DashboardSite : Construct
{
    public const string ImmutableCacheControl = "public, max-age=31536000, immutable";
    public const string RevalidateCacheControl = "no-cache";
    public const string FrameworkPattern = "app/_framework/*";
    internal const string FunctionResourceName = "ImageService.Infra.CloudFront.dashboard-request.js";

    public Distribution Distribution { get; }

    public Bucket Bucket { get; }

    /// <summary>https://{distribution}/app/</summary>
    public string Url { get; }

    public UserPoolDomain? SignInDomain { get; }

    public DashboardSite(Construct scope, string id, DashboardSiteProps props) : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(props);
        Bucket = new Bucket(this, "Files", new BucketProps
        {
            BlockPublicAccess = BlockPublicAccess.BLOCK_ALL,
            Encryption = BucketEncryption.S3_MANAGED,
            EnforceSSL = true,
            RemovalPolicy = props.Retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
            AutoDeleteObjects = !props.Retain,
        });

        string? signInOrigin = null;
        if (props.UserPool is not null && props.Client is not null)
        {
            SignInDomain = new UserPoolDomain(this, "SignInDomain", new UserPoolDomainProps
            {
                UserPool = props.UserPool,
                CognitoDomain = new CognitoDomainOptions { DomainPrefix = props.SignInDomainPrefix },
            });
            signInOrigin = SignInDomain.BaseUrl();
        }

        var index = File.ReadAllText(Path.Combine(props.PublishDirectory, Configuration.DashboardArtifact.IndexPage));
        var policy = new ResponseHeadersPolicy(this, "Headers", new ResponseHeadersPolicyProps
        {
            Comment = "The dashboard's content security policy and security headers",
            SecurityHeadersBehavior = new ResponseSecurityHeadersBehavior
            {
                ContentSecurityPolicy = new ResponseHeadersContentSecurityPolicy
                {
                    ContentSecurityPolicy = DashboardPolicy.ContentSecurityPolicy(props.DeliveryBaseUrl, props.ApiUrl,
                        DashboardPolicy.ImportMapHashOf(index), signInOrigin),
                    Override = true,
                },
                StrictTransportSecurity = new ResponseHeadersStrictTransportSecurity { AccessControlMaxAge = Duration.Days(730), IncludeSubdomains = true, Override = true },
                ContentTypeOptions = new ResponseHeadersContentTypeOptions { Override = true },
                FrameOptions = new ResponseHeadersFrameOptions { FrameOption = HeadersFrameOption.DENY, Override = true },
                ReferrerPolicy = new ResponseHeadersReferrerPolicy { ReferrerPolicy = HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, Override = true },
            },
        });
        Distribution = new Distribution(this, "Distribution", new DistributionProps
        {
            Comment = $"ImageService dashboard ({Stack.Of(this).StackName})",
            HttpVersion = HttpVersion.HTTP2_AND_3,
            EnableIpv6 = true,
            PriceClass = props.PriceClass switch { "200" => PriceClass.PRICE_CLASS_200, "All" => PriceClass.PRICE_CLASS_ALL, _ => PriceClass.PRICE_CLASS_100 },
            MinimumProtocolVersion = SecurityPolicyProtocol.TLS_V1_2_2021,
            DefaultBehavior = new BehaviorOptions
            {
                Origin = S3BucketOrigin.WithOriginAccessControl(Bucket),
                ViewerProtocolPolicy = ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
                AllowedMethods = AllowedMethods.ALLOW_GET_HEAD,
                // Honours each object's Cache-Control; gzip and brotli variants for browsers that accept them.
                CachePolicy = CachePolicy.CACHING_OPTIMIZED,
                Compress = true,
                ResponseHeadersPolicy = policy,
                FunctionAssociations =
                [
                    new FunctionAssociation
                    {
                        EventType = FunctionEventType.VIEWER_REQUEST,
                        Function = new CloudFrontFunction(this, "Routes", new FunctionProps
                        {
                            Code = FunctionCode.FromInline(RequestFunctionSource()),
                            Runtime = FunctionRuntime.JS_2_0,
                            Comment = "Dashboard: / to /app/, client-side routes to index.html",
                        }),
                    },
                ],
            },
        });
        Url = $"https://{Distribution.DistributionDomainName}/app/";

        Deploy(props, signInOrigin);
        if (props.UserPool is not null && props.Client is not null)
        {
            RegisterSignInUrls(props.UserPool, props.Client);
        }
    }

    private void Deploy(DashboardSiteProps props, string? signInOrigin)
    {
        // The precompressed .br/.gz twins stay out: S3 cannot negotiate encodings, CloudFront compresses instead.
        string[] compressed = ["**/*.br", "**/*.gz"];
        var framework = new BucketDeployment(this, "Framework", new BucketDeploymentProps
        {
            Sources = [Source.Asset(Path.Combine(props.PublishDirectory, "app", "_framework"), new Amazon.CDK.AWS.S3.Assets.AssetOptions { Exclude = compressed })],
            DestinationBucket = Bucket,
            DestinationKeyPrefix = "app/_framework/",
            // Old fingerprinted files stay for pages still open on the previous release.
            Prune = false,
            CacheControl = [CacheControl.FromString(ImmutableCacheControl)],
            MemoryLimit = 512,
        });
        var config = new Dictionary<string, object>
        {
            ["apiBaseUrl"] = props.ApiUrl,
            ["deliveryBaseUrl"] = props.DeliveryBaseUrl,
            ["signIn"] = signInOrigin is null ? DashboardConfig.None : DashboardConfig.Cognito,
            ["cognitoDomain"] = signInOrigin ?? "",
            ["clientId"] = props.Client?.UserPoolClientId ?? "",
            ["inlineUploadMaxBytes"] = props.InlineUploadMaxBytes,
        };
        var pages = new BucketDeployment(this, "Pages", new BucketDeploymentProps
        {
            Sources =
            [
                Source.Asset(props.PublishDirectory, new Amazon.CDK.AWS.S3.Assets.AssetOptions { Exclude = ["app/_framework", "app/_framework/**", .. compressed] }),
                Source.JsonData("app/config.json", config),
            ],
            DestinationBucket = Bucket,
            Prune = false,
            CacheControl = [CacheControl.FromString(RevalidateCacheControl)],
            Distribution = Distribution,
            DistributionPaths = ["/app/*"],
            MemoryLimit = 512,
        });
        // index.html must never name fingerprinted files that are not there yet.
        pages.Node.AddDependency(framework);
    }

    /// <summary>
    /// The app client (owned by the API's stack, whose authorizer accepts its tokens) learns the dashboard's callback
    /// and logout URLs here, where the distribution's domain is known: UpdateUserPoolClient with the client's whole
    /// configuration (the call resets what it omits), the authorization code flow for the hosted sign-in added.
    /// </summary>
    private void RegisterSignInUrls(IUserPool pool, IUserPoolClient client)
    {
        var call = new AwsSdkCall
        {
            Service = "CognitoIdentityServiceProvider",
            Action = "updateUserPoolClient",
            Parameters = new Dictionary<string, object>
            {
                ["UserPoolId"] = pool.UserPoolId,
                ["ClientId"] = client.UserPoolClientId,
                ["ExplicitAuthFlows"] = new[] { "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH" },
                ["PreventUserExistenceErrors"] = "ENABLED",
                ["AccessTokenValidity"] = 60,
                ["IdTokenValidity"] = 60,
                ["RefreshTokenValidity"] = 30,
                ["TokenValidityUnits"] = new Dictionary<string, object> { ["AccessToken"] = "minutes", ["IdToken"] = "minutes", ["RefreshToken"] = "days" },
                ["AllowedOAuthFlows"] = new[] { "code" },
                ["AllowedOAuthFlowsUserPoolClient"] = true,
                ["AllowedOAuthScopes"] = new[] { "openid", "email" },
                ["SupportedIdentityProviders"] = new[] { "COGNITO" },
                ["CallbackURLs"] = new[] { Url + "callback" },
                ["LogoutURLs"] = new[] { Url + "sign-in" },
            },
            PhysicalResourceId = PhysicalResourceId.Of(client.UserPoolClientId),
        };
        _ = new AwsCustomResource(this, "SignInUrls", new AwsCustomResourceProps
        {
            OnCreate = call,
            OnUpdate = call,
            Policy = AwsCustomResourcePolicy.FromSdkCalls(new SdkCallsPolicyOptions { Resources = [pool.UserPoolArn] }),
            InstallLatestAwsSdk = false,
        });
    }

    public static string RequestFunctionSource()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(FunctionResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {FunctionResourceName} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
