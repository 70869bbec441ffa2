using System.Reflection;
using Amazon.CDK;
using Amazon.CDK.AWS.CertificateManager;
using Amazon.CDK.AWS.CloudFront;
using Amazon.CDK.AWS.CloudFront.Origins;
using Amazon.CDK.AWS.S3;
using Constructs;
using CloudFrontFunction = Amazon.CDK.AWS.CloudFront.Function;

namespace ImageService.Infra.Constructs;

/// <summary>
/// CloudFront in front of delivery. Transform requests go to the HTTP API (its execute-api domain as a custom origin)
/// with a cache key made canonical by a viewer-request function; stored renditions come straight from S3 through
/// origin access control. The origin answers with one-year immutable caching, so the edge keeps results long.
/// </summary>
public sealed class DeliveryCdn : Construct
{
    public const string RenditionsPathPattern = "/renditions/*";

    internal const string FunctionResourceName = "ImageService.Infra.CloudFront.normalize-request.js";

    public Distribution Distribution { get; }

    public DeliveryCdn(Construct scope, string id, DeliveryCdnProps props) : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(props);
        var securityHeaders = SecurityHeaders();
        Distribution = new Distribution(this, "Distribution", new DistributionProps
        {
            Comment = $"ImageService delivery ({Stack.Of(this).StackName})",
            HttpVersion = HttpVersion.HTTP2_AND_3,
            EnableIpv6 = true,
            PriceClass = ToPriceClass(props.PriceClass),
            MinimumProtocolVersion = SecurityPolicyProtocol.TLS_V1_2_2021,
            // Standard (legacy) access logs: every viewer request, cache hits included, is counted as edge usage.
            EnableLogging = true,
            LogBucket = props.LogBucket,
            LogFilePrefix = CdnAccessLogs.Prefix,
            LogIncludesCookies = false,
            DomainNames = props.DomainName is null ? null : [props.DomainName],
            Certificate = props.CertificateArn is null
                ? null
                : Certificate.FromCertificateArn(this, "Certificate", props.CertificateArn),
            DefaultBehavior = new BehaviorOptions
            {
                Origin = ApiOrigin(props.Api),
                ViewerProtocolPolicy = ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
                AllowedMethods = AllowedMethods.ALLOW_GET_HEAD_OPTIONS,
                CachedMethods = CachedMethods.CACHE_GET_HEAD,
                CachePolicy = TransformCachePolicy(),
                ResponseHeadersPolicy = securityHeaders,
                // Images are already compressed; gzip would only cost CPU.
                Compress = false,
                FunctionAssociations =
                [
                    new FunctionAssociation { EventType = FunctionEventType.VIEWER_REQUEST, Function = NormalizeRequestFunction() },
                ],
            },
            AdditionalBehaviors = new Dictionary<string, IBehaviorOptions>
            {
                [RenditionsPathPattern] = new BehaviorOptions
                {
                    Origin = RenditionsOrigin(props.Bucket),
                    ViewerProtocolPolicy = ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
                    AllowedMethods = AllowedMethods.ALLOW_GET_HEAD,
                    CachePolicy = CachePolicy.CACHING_OPTIMIZED,
                    ResponseHeadersPolicy = securityHeaders,
                    Compress = false,
                },
            },
        });
    }

    /// <summary>S3 through origin access control; the bucket grants the distribution renditions/ only.</summary>
    private OriginAccessControlledBucket RenditionsOrigin(IBucket bucket)
    {
        var accessControl = new S3OriginAccessControl(this, "RenditionsAccess", new S3OriginAccessControlProps
        {
            Description = "CloudFront reads stored renditions",
            Signing = Signing.SIGV4_ALWAYS,
        });
        return new OriginAccessControlledBucket(bucket, accessControl);
    }

    /// <summary>The viewer-request function's source, embedded in this assembly (tests run it under node).</summary>
    public static string NormalizeRequestSource()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(FunctionResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {FunctionResourceName} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>
    /// The API's host name, taken from its endpoint URL (https://{id}.execute-api.{region}.amazonaws.com). It depends
    /// only on the API resource, not on routes or functions, so the delete function can depend on the distribution.
    /// </summary>
    private static HttpOrigin ApiOrigin(Amazon.CDK.AWS.Apigatewayv2.HttpApi api) =>
        new(Fn.Select(2, Fn.Split("/", api.ApiEndpoint)), new HttpOriginProps
        {
            ProtocolPolicy = OriginProtocolPolicy.HTTPS_ONLY,
            ReadTimeout = Duration.Seconds(30),
        });

    private CloudFrontFunction NormalizeRequestFunction() =>
        new(this, "NormalizeRequest", new FunctionProps
        {
            Code = FunctionCode.FromInline(NormalizeRequestSource()),
            Runtime = FunctionRuntime.JS_2_0,
            Comment = "Canonical transform parameters and negotiated format for the cache key",
        });

    /// <summary>
    /// The function already reduced the query string to the transform parameters, so "all query strings" is exactly
    /// that set (an allow-list of 15 would exceed CloudFront's default quota of 10), plus the negotiated Accept token
    /// and the viewer's host (X-Forwarded-Host, set by the function): delivery on custom domains answers per host, so
    /// the host must split the cache. Headers in the cache key are always forwarded to the origin, so no origin
    /// request policy is needed for either.
    /// </summary>
    private CachePolicy TransformCachePolicy() =>
        new(this, "TransformCache", new CachePolicyProps
        {
            Comment = "Canonical transform parameters + negotiated format + viewer host",
            QueryStringBehavior = CacheQueryStringBehavior.All(),
            HeaderBehavior = CacheHeaderBehavior.AllowList("Accept", "X-Forwarded-Host"),
            CookieBehavior = CacheCookieBehavior.None(),
            MinTtl = Duration.Seconds(0),
            DefaultTtl = Duration.Days(1),
            MaxTtl = Duration.Days(365),
            EnableAcceptEncodingGzip = false,
            EnableAcceptEncodingBrotli = false,
        });

    private ResponseHeadersPolicy SecurityHeaders() =>
        new(this, "SecurityHeaders", new ResponseHeadersPolicyProps
        {
            Comment = "Security headers for delivered images",
            SecurityHeadersBehavior = new ResponseSecurityHeadersBehavior
            {
                StrictTransportSecurity = new ResponseHeadersStrictTransportSecurity
                {
                    AccessControlMaxAge = Duration.Days(730),
                    IncludeSubdomains = true,
                    Override = true,
                },
                ContentTypeOptions = new ResponseHeadersContentTypeOptions { Override = true },
                FrameOptions = new ResponseHeadersFrameOptions { FrameOption = HeadersFrameOption.DENY, Override = true },
                ReferrerPolicy = new ResponseHeadersReferrerPolicy
                {
                    ReferrerPolicy = HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN,
                    Override = true,
                },
                // An image (even an SVG opened directly) must never run script or load anything.
                ContentSecurityPolicy = new ResponseHeadersContentSecurityPolicy
                {
                    ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; sandbox",
                    Override = true,
                },
            },
            CustomHeadersBehavior = new ResponseCustomHeadersBehavior
            {
                // Pages that isolate themselves (COEP) may still embed the images.
                CustomHeaders =
                [
                    new ResponseCustomHeader { Header = "Cross-Origin-Resource-Policy", Value = "cross-origin", Override = true },
                ],
            },
        });

    private static PriceClass ToPriceClass(string value) => value switch
    {
        "100" => PriceClass.PRICE_CLASS_100,
        "200" => PriceClass.PRICE_CLASS_200,
        "All" => PriceClass.PRICE_CLASS_ALL,
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, "Price class must be 100, 200 or All."),
    };
}
