using Amazon.CDK;
using Amazon.CDK.AWS.CloudFront;
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

    /// <summary>Accounts, keys, public-key lookups, usage counters and rate windows (single-table, PK/SK).</summary>
    public Table Accounts { get; }

    public Bucket Bucket { get; }

    public ImageData(Construct scope, string id, ImageDataProps props) : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(props);
        var removal = props.RetainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
        Table = CreateTable(removal);
        Accounts = CreateAccountsTable(removal);
        Bucket = CreateBucket(props, removal);
    }

    /// <summary>Actions on the table; Query also on its indexes (a listing queries UserIndex or AlbumIndex).</summary>
    public void GrantItems(IGrantable grantee, params string[] actions)
    {
        ArgumentNullException.ThrowIfNull(grantee);
        grantee.GrantPrincipal.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = actions.Select(a => "dynamodb:" + a).ToArray(),
            Resources = [Table.TableArn],
        }));
        if (actions.Contains("Query"))
        {
            grantee.GrantPrincipal.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
            {
                Actions = ["dynamodb:Query"],
                Resources = [Table.TableArn + "/index/*"],
            }));
        }
    }

    /// <summary>Item actions on the accounts table (no indexes: every read there is a key lookup or a Query).</summary>
    public void GrantAccountItems(IGrantable grantee, params string[] actions)
    {
        ArgumentNullException.ThrowIfNull(grantee);
        grantee.GrantPrincipal.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = actions.Select(a => "dynamodb:" + a).ToArray(),
            Resources = [Accounts.TableArn],
        }));
    }

    /// <summary>Lets one CloudFront distribution (through origin access control) read objects under the prefixes.</summary>
    public void GrantDistributionRead(IDistribution distribution, params string[] prefixes)
    {
        ArgumentNullException.ThrowIfNull(distribution);
        var distributionArn = Stack.Of(this).FormatArn(new ArnComponents
        {
            Service = "cloudfront",
            Region = "",
            Resource = "distribution",
            ResourceName = distribution.DistributionId,
        });
        Bucket.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Principals = [new ServicePrincipal("cloudfront.amazonaws.com")],
            Actions = ["s3:GetObject"],
            Resources = prefixes.Select(p => Bucket.ArnForObjects(p + "*")).ToArray(),
            Conditions = new Dictionary<string, object>
            {
                ["StringEquals"] = new Dictionary<string, object> { ["AWS:SourceArn"] = distributionArn },
            },
        }));
    }

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

    /// <summary>Key names as the AWS backend uses them (shared/ImageService.Storage.Aws/Accounts/AccountsTable.cs);
    /// expired rate-limit windows are removed by TTL.</summary>
    private Table CreateAccountsTable(RemovalPolicy removal) =>
        new(this, "Accounts", new TableProps
        {
            PartitionKey = new Attribute { Name = AccountsTableSchema.PartitionKey, Type = AttributeType.STRING },
            SortKey = new Attribute { Name = AccountsTableSchema.SortKey, Type = AttributeType.STRING },
            TimeToLiveAttribute = AccountsTableSchema.ExpiresAt,
            BillingMode = BillingMode.PAY_PER_REQUEST,
            PointInTimeRecovery = true,
            Encryption = TableEncryption.AWS_MANAGED,
            RemovalPolicy = removal,
        });

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
