using Amazon.CDK.Assertions;
using ImageService.Infra.Tests.Support;
using static ImageService.Infra.Tests.Support.Shape;

namespace ImageService.Infra.Tests;

/// <summary>The CDN's standard access logs: a private log bucket the distribution writes to, and each new log object
/// invoking the log-ingest function.</summary>
[Collection(SynthCollection.Name)]
public sealed class CdnAccessLogTests(DevTemplate stack)
{
    private readonly Template _template = stack.Template;

    private System.Text.Json.Nodes.JsonNode LogBucket => stack.Json.AllResources[stack.Json.LogBucketId()]!;

    private string IngestFunctionId => stack.Json.FunctionByHandler("cdnlogs").Id;

    [Fact]
    public void The_distribution_writes_standard_logs_without_cookies_under_cdn_into_the_log_bucket()
    {
        _template.HasResourceProperties("AWS::CloudFront::Distribution", Like(("DistributionConfig", Like(("Logging", Exactly(
            ("Bucket", Exactly(("Fn::GetAtt", new object[] { stack.Json.LogBucketId(), "RegionalDomainName" }))),
            ("IncludeCookies", false),
            ("Prefix", "cdn/")))))));
        Assert.NotEqual(stack.Json.ImageBucketId(), stack.Json.LogBucketId());
    }

    [Fact]
    public void The_log_bucket_is_private_encrypted_and_keeps_acls_for_cloudfronts_log_delivery()
    {
        var properties = LogBucket["Properties"]!;

        Assert.Equal("""{"BlockPublicAcls":true,"BlockPublicPolicy":true,"IgnorePublicAcls":true,"RestrictPublicBuckets":true}""",
            properties["PublicAccessBlockConfiguration"]!.ToJsonString());
        Assert.Equal("AES256", TemplateJson.Text(properties["BucketEncryption"]!["ServerSideEncryptionConfiguration"]![0]!["ServerSideEncryptionByDefault"]!["SSEAlgorithm"]));
        Assert.Equal("BucketOwnerPreferred", TemplateJson.Text(properties["OwnershipControls"]!["Rules"]![0]!["ObjectOwnership"]));
    }

    [Fact]
    public void The_log_bucket_refuses_every_request_that_is_not_over_tls()
    {
        var bucket = stack.Json.LogBucketId();
        var policy = stack.Json.OfType("AWS::S3::BucketPolicy")
            .Single(p => stack.Json.ReferencedIds(p.Resource["Properties"]!["Bucket"]!).Contains(bucket)).Resource;

        var statement = policy["Properties"]!["PolicyDocument"]!["Statement"]!.AsArray()
            .Single(s => TemplateJson.Text(s!["Effect"]) == "Deny");
        Assert.Equal("s3:*", TemplateJson.Text(statement!["Action"]));
        Assert.Equal("""{"Bool":{"aws:SecureTransport":"false"}}""", statement["Condition"]!.ToJsonString());
        Assert.Equal("""{"AWS":"*"}""", statement["Principal"]!.ToJsonString());
    }

    [Fact]
    public void Log_objects_expire_after_90_days()
    {
        var rules = LogBucket["Properties"]!["LifecycleConfiguration"]!["Rules"]!.AsArray();

        Assert.Contains(rules, r => (int?)r!["ExpirationInDays"] == 90 && TemplateJson.Text(r["Status"]) == "Enabled" && r["Prefix"] is null);
    }

    [Fact]
    public void Each_new_log_object_invokes_the_ingest_function_which_s3_may_invoke_for_this_account_only()
    {
        var configuration = LogBucket["Properties"]!["NotificationConfiguration"]!["LambdaConfigurations"]!.AsArray();
        var notification = Assert.Single(configuration)!;
        Assert.Equal("s3:ObjectCreated:*", TemplateJson.Text(notification["Event"]));
        Assert.Equal([IngestFunctionId], stack.Json.ReferencedIds(notification["Function"]!));
        Assert.Equal("""{"S3Key":{"Rules":[{"Name":"prefix","Value":"cdn/"}]}}""", notification["Filter"]!.ToJsonString());

        var (permissionId, permission) = Assert.Single(stack.Json.OfType("AWS::Lambda::Permission"),
            p => TemplateJson.Text(p.Resource["Properties"]!["Principal"]) == "s3.amazonaws.com");
        var properties = permission["Properties"]!;
        Assert.Equal("lambda:InvokeFunction", TemplateJson.Text(properties["Action"]));
        Assert.Equal([IngestFunctionId], stack.Json.ReferencedIds(properties["FunctionName"]!));
        Assert.Equal("""{"Ref":"AWS::AccountId"}""", properties["SourceAccount"]!.ToJsonString());
        // S3 checks the permission when the notification is set.
        Assert.Contains(permissionId, TemplateJson.Strings(LogBucket["DependsOn"]!));
    }

    [Fact]
    public void The_log_bucket_name_is_an_output()
    {
        Assert.Equal([stack.Json.LogBucketId()], stack.Json.ReferencedIds(stack.Json.Root["Outputs"]!["CdnLogBucketName"]!["Value"]!));
    }
}
