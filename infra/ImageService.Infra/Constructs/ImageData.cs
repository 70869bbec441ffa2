using Amazon.CDK;
using Amazon.CDK.AWS.DynamoDB;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.S3;
using Constructs;
using Attribute = Amazon.CDK.AWS.DynamoDB.Attribute;

namespace ImageService.Infra.Constructs;

/// <summary>
/// The metadata table and the image bucket, with the narrow grants the functions receive on them. Grants name
/// exact actions and key prefixes instead of CDK's broad GrantRead/GrantWrite, so each role can be audited.
/// </summary>
public sealed class ImageData : Construct
{
    public Table Table { get; }

    public Bucket Bucket { get; }

    public ImageData(Construct scope, string id, ImageDataProps props) : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(props);
        var removal = props.RetainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
        Table = CreateTable(removal);
        Bucket = CreateBucket(props, removal);
    }

    /// <summary>Item-level actions on the table and its indexes (Query on an index needs the index ARN).</summary>
    public void GrantItems(IGrantable grantee, params string[] actions) =>
        Table.Grant(grantee, actions.Select(a => "dynamodb:" + a).ToArray());

    /// <summary>Object actions limited to the given top-level prefixes (see <see cref="StoragePrefixes"/>).</summary>
    public void GrantObjects(IGrantable grantee, string[] actions, params string[] prefixes) =>
        Grant.AddToPrincipal(new GrantOnPrincipalOptions
        {
            Grantee = grantee,
            Actions = actions.Select(a => "s3:" + a).ToArray(),
            ResourceArns = prefixes.Select(p => Bucket.ArnForObjects(p + "*")).ToArray(),
        });

    /// <summary>ListBucket, but only for keys under the given prefixes (deleting an image lists its derived results).</summary>
    public void GrantListing(IGrantable grantee, params string[] prefixes) =>
        grantee.GrantPrincipal.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["s3:ListBucket"],
            Resources = [Bucket.BucketArn],
            Conditions = new Dictionary<string, object>
            {
                ["StringLike"] = new Dictionary<string, object> { ["s3:prefix"] = prefixes.Select(p => p + "*").ToArray() },
            },
        }));

    private Table CreateTable(RemovalPolicy removal)
    {
        var table = new Table(this, "Images", new TableProps
        {
            PartitionKey = new Attribute { Name = ImageTableSchema.PartitionKey, Type = AttributeType.STRING },
            BillingMode = BillingMode.PAY_PER_REQUEST,
            PointInTimeRecovery = true,
            Encryption = TableEncryption.AWS_MANAGED,
            RemovalPolicy = removal,
        });
        AddNewestFirstIndex(table, ImageTableSchema.UserIndex, ImageTableSchema.UserIndexPartitionKey);
        AddNewestFirstIndex(table, ImageTableSchema.AlbumIndex, ImageTableSchema.AlbumIndexPartitionKey);
        return table;
    }

    private static void AddNewestFirstIndex(Table table, string name, string partitionKey) =>
        table.AddGlobalSecondaryIndex(new GlobalSecondaryIndexProps
        {
            IndexName = name,
            PartitionKey = new Attribute { Name = partitionKey, Type = AttributeType.STRING },
            SortKey = new Attribute { Name = ImageTableSchema.CreatedKey, Type = AttributeType.STRING },
            ProjectionType = ProjectionType.ALL,
        });

    private Bucket CreateBucket(ImageDataProps props, RemovalPolicy removal) =>
        new(this, "Objects", new BucketProps
        {
            BlockPublicAccess = BlockPublicAccess.BLOCK_ALL,
            Encryption = BucketEncryption.S3_MANAGED,
            EnforceSSL = true,
            ObjectOwnership = ObjectOwnership.BUCKET_OWNER_ENFORCED,
            Versioned = props.Versioning,
            RemovalPolicy = removal,
            // Destroyable stages empty the bucket first (a CDK-provided custom resource whose code ships inside
            // Amazon.CDK.Lib, so synth stays offline); prod never deletes objects.
            AutoDeleteObjects = !props.RetainData,
            LifecycleRules = LifecycleRules(props.Versioning),
            Cors =
            [
                new CorsRule
                {
                    AllowedMethods = [HttpMethods.PUT, HttpMethods.POST],
                    AllowedOrigins = props.CorsAllowedOrigins.ToArray(),
                    AllowedHeaders = ["*"],
                    MaxAge = 3000,
                },
            ],
        });

    private static LifecycleRule[] LifecycleRules(bool versioning)
    {
        var rules = new List<LifecycleRule>
        {
            new() { Id = "abort-incomplete-multipart", AbortIncompleteMultipartUploadAfter = Duration.Days(1) },
            // Presigned uploads that were never completed; completing one moves it out of uploads/ at once.
            new() { Id = "expire-unprocessed-uploads", Prefix = StoragePrefixes.Uploads, Expiration = Duration.Days(1) },
        };
        if (versioning)
        {
            // Versions make deletes and overwrites recoverable for a month, not forever.
            rules.Add(new() { Id = "expire-noncurrent-versions", NoncurrentVersionExpiration = Duration.Days(30) });
        }

        return [.. rules];
    }
}
