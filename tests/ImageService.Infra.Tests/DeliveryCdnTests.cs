using Amazon.CDK.Assertions;
using ImageService.Infra.Constructs;
using ImageService.Infra.Tests.Support;
using static ImageService.Infra.Tests.Support.Shape;

namespace ImageService.Infra.Tests;

/// <summary>The CloudFront distribution in front of delivery.</summary>
[Collection(SynthCollection.Name)]
public sealed class DeliveryCdnTests(DevTemplate stack)
{
    private readonly Template _template = stack.Template;

    [Fact]
    public void Distribution_speaks_http2_and_http3_and_redirects_to_https()
    {
        _template.HasResourceProperties("AWS::CloudFront::Distribution", Like(("DistributionConfig", Like(
            ("HttpVersion", "http2and3"),
            ("PriceClass", "PriceClass_100"),
            ("DefaultCacheBehavior", Like(("ViewerProtocolPolicy", "redirect-to-https")))))));
    }

    [Fact]
    public void Transform_requests_go_to_the_http_apis_own_domain_over_https()
    {
        var api = stack.Json.SingleIdOfType("AWS::ApiGatewayV2::Api");

        _template.HasResourceProperties("AWS::CloudFront::Distribution", Like(("DistributionConfig", Like(("Origins", Match.ArrayWith(
        [
            Like(
                ("DomainName", Exactly(("Fn::Select", new object[] { 2, Exactly(("Fn::Split", new object[] { "/", Exactly(("Fn::GetAtt", new object[] { api, "ApiEndpoint" })) })) }))),
                ("CustomOriginConfig", Like(("OriginProtocolPolicy", "https-only")))),
        ]))))));
    }

    [Fact]
    public void Viewer_requests_pass_through_the_normalising_function_shipped_with_the_app()
    {
        var function = stack.Json.SingleIdOfType("AWS::CloudFront::Function");

        _template.HasResourceProperties("AWS::CloudFront::Function", Like(
            ("FunctionCode", DeliveryCdn.NormalizeRequestSource()),
            ("FunctionConfig", Like(("Runtime", "cloudfront-js-2.0")))));
        _template.HasResourceProperties("AWS::CloudFront::Distribution", Like(("DistributionConfig", Like(("DefaultCacheBehavior", Like(
            ("FunctionAssociations", Match.ArrayEquals(
            [
                Exactly(("EventType", "viewer-request"), ("FunctionARN", Exactly(("Fn::GetAtt", new object[] { function, "FunctionARN" })))),
            ]))))))));
    }

    [Fact]
    public void Cache_key_is_the_normalised_query_the_negotiated_format_and_the_viewer_host_without_cookies()
    {
        var policy = new Capture();
        _template.HasResourceProperties("AWS::CloudFront::Distribution", Like(("DistributionConfig", Like(
            ("DefaultCacheBehavior", Like(("CachePolicyId", policy)))))));

        Assert.Equal(stack.Json.SingleIdOfType("AWS::CloudFront::CachePolicy"), policy.AsObject()["Ref"]);
        _template.HasResourceProperties("AWS::CloudFront::CachePolicy", Like(("CachePolicyConfig", Like(
            ("MaxTTL", 31536000),
            ("ParametersInCacheKeyAndForwardedToOrigin", Like(
                ("QueryStringsConfig", Exactly(("QueryStringBehavior", "all"))),
                ("HeadersConfig", Exactly(("HeaderBehavior", "whitelist"), ("Headers", Match.ArrayEquals(["Accept", "X-Forwarded-Host"])))),
                ("CookiesConfig", Exactly(("CookieBehavior", "none")))))))));
    }

    [Fact]
    public void Renditions_come_from_the_bucket_through_origin_access_control()
    {
        var origin = new Capture();
        _template.HasResourceProperties("AWS::CloudFront::Distribution", Like(("DistributionConfig", Like(
            ("CacheBehaviors", Match.ArrayEquals([Like(("PathPattern", "/renditions/*"), ("TargetOriginId", origin))]))))));

        var bucket = stack.Json.ImageBucketId();
        var accessControl = stack.Json.SingleIdOfType("AWS::CloudFront::OriginAccessControl");
        _template.HasResourceProperties("AWS::CloudFront::Distribution", Like(("DistributionConfig", Like(("Origins", Match.ArrayWith(
        [
            Like(
                ("Id", origin.AsString()),
                ("DomainName", Exactly(("Fn::GetAtt", new object[] { bucket, "RegionalDomainName" }))),
                ("OriginAccessControlId", Exactly(("Fn::GetAtt", new object[] { accessControl, "Id" })))),
        ]))))));
        _template.HasResourceProperties("AWS::CloudFront::OriginAccessControl", Like(("OriginAccessControlConfig", Like(
            ("OriginAccessControlOriginType", "s3"), ("SigningBehavior", "always"), ("SigningProtocol", "sigv4")))));
    }

    [Fact]
    public void Every_response_carries_security_headers()
    {
        var policy = stack.Json.SingleIdOfType("AWS::CloudFront::ResponseHeadersPolicy");
        _template.HasResourceProperties("AWS::CloudFront::ResponseHeadersPolicy", Like(("ResponseHeadersPolicyConfig", Like(
            ("SecurityHeadersConfig", Like(
                ("StrictTransportSecurity", Like(("AccessControlMaxAgeSec", 63072000), ("IncludeSubdomains", true))),
                ("ContentTypeOptions", Like(("Override", true))),
                ("FrameOptions", Like(("FrameOption", "DENY"))),
                ("ContentSecurityPolicy", Like(("ContentSecurityPolicy", Match.StringLikeRegexp("default-src 'none'"))))))))));

        var behaviours = stack.Json.OfType("AWS::CloudFront::Distribution").Single().Resource["Properties"]!["DistributionConfig"]!;
        var all = behaviours["CacheBehaviors"]!.AsArray().Append(behaviours["DefaultCacheBehavior"]);
        Assert.All(all, b => Assert.Equal([policy], stack.Json.ReferencedIds(b!["ResponseHeadersPolicyId"]!)));
    }

    [Theory]
    [InlineData("delete")]
    [InlineData("update")]
    [InlineData("account")]
    public void Delete_update_and_account_functions_are_told_which_distribution_to_invalidate(string handler)
    {
        var distribution = new Capture();
        _template.HasResourceProperties("AWS::Lambda::Function", Like(
            ("Handler", handler),
            ("Environment", Like(("Variables", Like((ImageServiceStack.DistributionIdVariable, distribution)))))));

        Assert.Equal(stack.Json.SingleIdOfType("AWS::CloudFront::Distribution"), distribution.AsObject()["Ref"]);
        Assert.All(
            stack.Json.ServiceFunctions().Where(f => TemplateJson.Text(f.Properties["Handler"]) is not ("delete" or "update" or "account")),
            f => Assert.Null(f.Properties["Environment"]!["Variables"]![ImageServiceStack.DistributionIdVariable]));
    }
}
