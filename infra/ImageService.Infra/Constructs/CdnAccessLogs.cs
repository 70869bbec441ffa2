using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.S3;
using Constructs;
using LambdaFunction = Amazon.CDK.AWS.Lambda.Function;

namespace ImageService.Infra.Constructs;

/// <summary>
/// The bucket CloudFront writes its standard access logs to (gzip, under <see cref="Prefix"/>), and the wiring that
/// makes each new log object invoke the log-ingest function, which turns it into the accounts' edge usage. Private,
/// TLS only, SSE-S3; logs expire after <see cref="RetentionDays"/> days (usage is counted within the hour; the files are
/// only kept for replays and audits).
/// </summary>
public sealed class CdnAccessLogs : Construct
{
    public const string Prefix = "cdn/";
    public const int RetentionDays = 90;

    public Bucket Bucket { get; }

    public CdnAccessLogs(Construct scope, string id, CdnAccessLogsProps props) : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(props);
        Bucket = new Bucket(this, "Bucket", new BucketProps
        {
            BlockPublicAccess = BlockPublicAccess.BLOCK_ALL,
            // CloudFront's standard logging delivers through the bucket ACL (the awslogsdelivery account), so ACLs
            // stay enabled; "bucket owner preferred" makes this account own the log objects it then reads.
            ObjectOwnership = ObjectOwnership.BUCKET_OWNER_PREFERRED,
            // CloudFront cannot write to a bucket encrypted with an AWS-managed KMS key.
            Encryption = BucketEncryption.S3_MANAGED,
            EnforceSSL = true,
            RemovalPolicy = props.RetainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
            AutoDeleteObjects = !props.RetainData,
            LifecycleRules =
            [
                new LifecycleRule { Id = "expire-access-logs", Expiration = Duration.Days(RetentionDays) },
                new LifecycleRule { Id = "abort-incomplete-multipart", AbortIncompleteMultipartUploadAfter = Duration.Days(1) },
            ],
        });
    }

    /// <summary>
    /// Every object created under <see cref="Prefix"/> invokes <paramref name="ingest"/> (asynchronously: Lambda
    /// retries a failed invocation twice), which may read only those objects. The notification is set on the bucket
    /// itself (no CDK custom resource); S3 checks the invoke permission when it is set, so the bucket waits for it, and
    /// the permission names this account rather than the bucket's ARN (which would make bucket and permission depend on
    /// each other). The read grant is a policy of its own for the same reason: the function must not wait for the bucket.
    /// </summary>
    public void InvokeOnNewLogs(LambdaFunction ingest)
    {
        ArgumentNullException.ThrowIfNull(ingest);
        var permission = new CfnPermission(this, "InvokeIngest", new CfnPermissionProps
        {
            Action = "lambda:InvokeFunction",
            FunctionName = ingest.FunctionArn,
            Principal = "s3.amazonaws.com",
            SourceAccount = Stack.Of(this).Account,
        });
        var bucket = (CfnBucket)Bucket.Node.DefaultChild!;
        bucket.NotificationConfiguration = new CfnBucket.NotificationConfigurationProperty
        {
            LambdaConfigurations = new[]
            {
                new CfnBucket.LambdaConfigurationProperty
                {
                    Event = "s3:ObjectCreated:*",
                    Function = ingest.FunctionArn,
                    Filter = new CfnBucket.NotificationFilterProperty
                    {
                        S3Key = new CfnBucket.S3KeyFilterProperty
                        {
                            Rules = new[] { new CfnBucket.FilterRuleProperty { Name = "prefix", Value = Prefix } },
                        },
                    },
                },
            },
        };
        bucket.AddDependency(permission);

        var read = new Policy(this, "IngestReadsLogs", new PolicyProps
        {
            Statements =
            [
                new PolicyStatement(new PolicyStatementProps
                {
                    Actions = ["s3:GetObject"],
                    Resources = [Bucket.ArnForObjects(Prefix + "*")],
                }),
            ],
        });
        read.AttachToRole(ingest.Role!);
    }
}
