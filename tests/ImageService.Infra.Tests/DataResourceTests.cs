using Amazon.CDK.Assertions;
using ImageService.Infra.Tests.Support;
using static ImageService.Infra.Tests.Support.Shape;

namespace ImageService.Infra.Tests;

/// <summary>The metadata table and the image bucket in a destroyable stage (dev as shipped).</summary>
[Collection(SynthCollection.Name)]
public sealed class DataResourceTests(DevTemplate stack)
{
    private readonly Template _template = stack.Template;

    [Fact]
    public void Table_is_on_demand_encrypted_and_recoverable_to_a_point_in_time()
    {
        _template.HasResourceProperties("AWS::DynamoDB::Table", Like(
            ("BillingMode", "PAY_PER_REQUEST"),
            ("KeySchema", Match.ArrayEquals([Exactly(("AttributeName", "Id"), ("KeyType", "HASH"))])),
            ("PointInTimeRecoverySpecification", Exactly(("PointInTimeRecoveryEnabled", true))),
            ("SSESpecification", Exactly(("SSEEnabled", true)))));
    }

    [Fact]
    public void Accounts_table_is_keyed_by_pk_and_sk_expires_rate_windows_by_ttl_and_is_recoverable()
    {
        _template.HasResourceProperties("AWS::DynamoDB::Table", Like(
            ("KeySchema", Match.ArrayEquals(
            [
                Exactly(("AttributeName", "PK"), ("KeyType", "HASH")),
                Exactly(("AttributeName", "SK"), ("KeyType", "RANGE")),
            ])),
            ("TimeToLiveSpecification", Exactly(("AttributeName", "ExpiresAt"), ("Enabled", true))),
            ("BillingMode", "PAY_PER_REQUEST"),
            ("PointInTimeRecoverySpecification", Exactly(("PointInTimeRecoveryEnabled", true))),
            ("SSESpecification", Exactly(("SSEEnabled", true)))));
    }

    [Fact]
    public void Table_has_newest_first_indexes_by_owner_and_by_album()
    {
        _template.HasResourceProperties("AWS::DynamoDB::Table", Like(
            ("GlobalSecondaryIndexes", Match.ArrayEquals(
            [
                Like(
                    ("IndexName", "UserIndex"),
                    ("KeySchema", Match.ArrayEquals(
                    [
                        Exactly(("AttributeName", "ListOwner"), ("KeyType", "HASH")),
                        Exactly(("AttributeName", "CreatedKey"), ("KeyType", "RANGE")),
                    ])),
                    ("Projection", Exactly(("ProjectionType", "ALL")))),
                Like(
                    ("IndexName", "AlbumIndex"),
                    ("KeySchema", Match.ArrayEquals(
                    [
                        Exactly(("AttributeName", "AlbumKey"), ("KeyType", "HASH")),
                        Exactly(("AttributeName", "CreatedKey"), ("KeyType", "RANGE")),
                    ])),
                    ("Projection", Exactly(("ProjectionType", "ALL")))),
            ]))));
    }

    [Fact]
    public void Bucket_blocks_every_kind_of_public_access_and_encrypts_at_rest()
    {
        _template.HasResourceProperties("AWS::S3::Bucket", Like(
            ("PublicAccessBlockConfiguration", Exactly(
                ("BlockPublicAcls", true), ("BlockPublicPolicy", true), ("IgnorePublicAcls", true), ("RestrictPublicBuckets", true))),
            ("BucketEncryption", Like(("ServerSideEncryptionConfiguration", Match.ArrayWith(
                [Like(("ServerSideEncryptionByDefault", Exactly(("SSEAlgorithm", "AES256"))))]))))));
    }

    [Fact]
    public void Bucket_policy_denies_every_request_that_is_not_over_tls()
    {
        var bucket = stack.Json.ImageBucketId();

        _template.HasResourceProperties("AWS::S3::BucketPolicy", Like(("PolicyDocument", Like(("Statement", Match.ArrayWith(
        [
            Like(
                ("Effect", "Deny"),
                ("Action", "s3:*"),
                ("Principal", Exactly(("AWS", "*"))),
                ("Condition", Exactly(("Bool", Exactly(("aws:SecureTransport", "false"))))),
                ("Resource", Match.ArrayEquals(
                [
                    Exactly(("Fn::GetAtt", new object[] { bucket, "Arn" })),
                    Exactly(("Fn::Join", new object[] { "", new object[] { Exactly(("Fn::GetAtt", new object[] { bucket, "Arn" })), "/*" } })),
                ]))),
        ]))))));
    }

    [Fact]
    public void Cdn_may_read_renditions_and_nothing_else_in_the_bucket()
    {
        var aliases = new Dictionary<string, string>
        {
            [stack.Json.ImageBucketId()] = "Bucket",
            [stack.Json.SingleIdOfType("AWS::CloudFront::Distribution")] = "Distribution",
        };
        var policy = stack.Json.OfType("AWS::S3::BucketPolicy")
            .Single(p => stack.Json.ReferencedIds(p.Resource["Properties"]!["Bucket"]!).Contains(stack.Json.ImageBucketId())).Resource;

        var cloudFrontStatements = policy["Properties"]!["PolicyDocument"]!["Statement"]!.AsArray()
            .Where(s => TemplateJson.Render(s!["Principal"]!, aliases).Contains("cloudfront", StringComparison.Ordinal))
            .Select(s => $"{s!["Effect"]} {s["Action"]} {TemplateJson.Render(s["Resource"]!, aliases)} if {TemplateJson.Render(s["Condition"]!, aliases)}");

        Assert.Equal(
            ["Allow s3:GetObject {Bucket.Arn}/renditions/* if {StringEquals:{AWS:SourceArn:arn:{AWS::Partition}:cloudfront::{AWS::AccountId}:distribution/{Distribution}}}"],
            cloudFrontStatements);
    }

    [Fact]
    public void Bucket_aborts_stale_multipart_uploads_and_expires_unprocessed_uploads_after_a_day()
    {
        _template.HasResourceProperties("AWS::S3::Bucket", Like(("LifecycleConfiguration", Like(("Rules", Match.ArrayWith(
        [
            Like(("AbortIncompleteMultipartUpload", Exactly(("DaysAfterInitiation", 1))), ("Status", "Enabled")),
            Like(("Prefix", "uploads/"), ("ExpirationInDays", 1), ("Status", "Enabled")),
        ]))))));
    }

    [Fact]
    public void Dev_destroys_its_data_with_the_stack_and_empties_the_bucket_first()
    {
        _template.AllResources("AWS::DynamoDB::Table", Like(("DeletionPolicy", "Delete"), ("UpdateReplacePolicy", "Delete")));
        _template.HasResource("AWS::S3::Bucket", Like(("DeletionPolicy", "Delete")));
        // The image bucket and the CDN log bucket.
        _template.ResourceCountIs("Custom::S3AutoDeleteObjects", 2);
        _template.HasResourceProperties("AWS::S3::Bucket", Like(("VersioningConfiguration", Match.Absent())));
    }
}
