using System.Security.Cryptography;
using System.Text;
using Amazon.CDK.Assertions;
using ImageService.Infra.Constructs;
using ImageService.Infra.Tests.Support;
using static ImageService.Infra.Tests.Support.Shape;

namespace ImageService.Infra.Tests;

/// <summary>The dashboard's stack: private bucket, its own distribution, deployments with their cache headers, the
/// generated config.json, the content security policy, and Cognito's hosted sign-in.</summary>
[Collection(SynthCollection.Name)]
public sealed class DashboardStackTests(DashboardTemplate stack)
{
    private readonly Template _template = stack.Template;

    [Fact]
    public void The_bucket_is_private_encrypted_and_tls_only()
    {
        _template.HasResourceProperties("AWS::S3::Bucket", Like(
            ("PublicAccessBlockConfiguration", Exactly(("BlockPublicAcls", true), ("BlockPublicPolicy", true), ("IgnorePublicAcls", true), ("RestrictPublicBuckets", true))),
            ("BucketEncryption", Like(("ServerSideEncryptionConfiguration", Match.ArrayWith([Like(("ServerSideEncryptionByDefault", Exactly(("SSEAlgorithm", "AES256"))))]))))));
        _template.HasResourceProperties("AWS::S3::BucketPolicy", Like(("PolicyDocument", Like(("Statement", Match.ArrayWith(
        [
            Like(("Effect", "Deny"), ("Condition", Exactly(("Bool", Exactly(("aws:SecureTransport", "false")))))),
        ]))))));
    }

    [Fact]
    public void Its_own_distribution_serves_the_bucket_through_origin_access_control_compressed_over_https()
    {
        var distribution = stack.Json.SingleIdOfType("AWS::CloudFront::Distribution");
        Assert.NotNull(distribution);
        _template.HasResourceProperties("AWS::CloudFront::Distribution", Like(("DistributionConfig", Like(
            ("DefaultCacheBehavior", Like(("ViewerProtocolPolicy", "redirect-to-https"), ("Compress", true))),
            ("Origins", Match.ArrayWith([Like(("OriginAccessControlId", Match.AnyValue()))]))))));
        _template.ResourceCountIs("AWS::CloudFront::OriginAccessControl", 1);
    }

    [Fact]
    public void Fingerprinted_files_are_immutable_and_pages_revalidate()
    {
        _template.HasResourceProperties("Custom::CDKBucketDeployment", Like(
            ("DestinationBucketKeyPrefix", "app/_framework/"),
            ("SystemMetadata", Exactly(("cache-control", DashboardSite.ImmutableCacheControl))),
            ("Prune", false)));
        _template.HasResourceProperties("Custom::CDKBucketDeployment", Like(
            ("SystemMetadata", Exactly(("cache-control", DashboardSite.RevalidateCacheControl))),
            ("DistributionPaths", new[] { "/app/*" })));
    }

    [Fact]
    public void Config_json_names_the_api_delivery_cognito_domain_and_client()
    {
        var pages = stack.Json.OfType("Custom::CDKBucketDeployment")
            .Single(d => d.Resource["Properties"]!["SystemMetadata"]?["cache-control"]?.GetValue<string>() == DashboardSite.RevalidateCacheControl);
        var markers = Strings(pages.Resource["Properties"]!["SourceMarkers"]!);

        // The deploy-time values are markers replaced in the generated file: the API stack's outputs and the pool's.
        Assert.Contains("ApiEndpoint", markers, StringComparison.Ordinal);
        Assert.Contains("DomainName", markers, StringComparison.Ordinal);
        Assert.Contains("AppClient", markers, StringComparison.Ordinal);
        Assert.Contains("SignInDomain", markers, StringComparison.Ordinal);
    }

    [Fact]
    public void The_policy_allows_the_pages_import_map_by_hash_and_forbids_framing()
    {
        var hash = "'sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(DashboardTemplate.ImportMap))) + "'";
        var policy = stack.Json.OfType("AWS::CloudFront::ResponseHeadersPolicy").Single().Resource["Properties"]!
            ["ResponseHeadersPolicyConfig"]!["SecurityHeadersConfig"]!["ContentSecurityPolicy"]!;
        var text = Strings(policy);

        Assert.Contains("script-src 'self' 'wasm-unsafe-eval' " + hash + ";", text, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", text, StringComparison.Ordinal);
        Assert.DoesNotContain("'unsafe-eval'", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Hosted_sign_in_gets_a_domain_and_the_clients_callback_and_logout_urls()
    {
        _template.HasResourceProperties("AWS::Cognito::UserPoolDomain", Like(("Domain", Match.AnyValue())));
        var update = Strings(stack.Json.OfType("Custom::AWS").Single().Resource["Properties"]!["Create"]!);

        Assert.Contains("updateUserPoolClient", update, StringComparison.Ordinal);
        Assert.Contains("/app/callback", update, StringComparison.Ordinal);
        Assert.Contains("/app/sign-in", update, StringComparison.Ordinal);
        Assert.Contains("\"AllowedOAuthFlows\":[\"code\"]", update, StringComparison.Ordinal);
    }

    /// <summary>Every string in a template value (Fn::Join parts included), one per line: what CloudFormation will join.</summary>
    private static string Strings(System.Text.Json.Nodes.JsonNode node) => node switch
    {
        System.Text.Json.Nodes.JsonValue value when value.TryGetValue<string>(out var text) => text,
        System.Text.Json.Nodes.JsonObject obj => string.Join("\n", obj.Select(p => p.Value is null ? "" : p.Key + "\n" + Strings(p.Value))),
        System.Text.Json.Nodes.JsonArray array => string.Join("", array.Select(n => n is null ? "" : Strings(n))),
        _ => node.ToJsonString(),
    };

    [Fact]
    public void The_api_stack_is_unchanged_by_the_dashboard()
    {
        stack.ServiceTemplate.ResourceCountIs("AWS::CloudFront::Distribution", 1);
        stack.ServiceTemplate.ResourceCountIs("Custom::CDKBucketDeployment", 0);
    }
}
