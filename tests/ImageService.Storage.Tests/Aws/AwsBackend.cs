using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using ImageService.Storage.Aws;
using ImageService.Storage.Aws.Accounts;
using Microsoft.Extensions.Logging.Abstractions;

namespace ImageService.Storage.Tests.Aws;

/// <summary>
/// Real S3 and DynamoDB endpoints for tests: dynalite and s3rver started from node_modules on free loopback
/// ports, or, when AWS_ENDPOINT_URL is set (LocalStack) and the caller allows it, that endpoint with nothing
/// started. Each instance gets its own table and bucket names, so runs never see each other's data.
/// </summary>
public sealed class AwsBackend : IAsyncDisposable
{
    // s3rver's built-in key pair; dynalite and LocalStack accept any credentials.
    private static readonly BasicAWSCredentials EmulatorCredentials = new("S3RVER", "S3RVER");

    private readonly string _dataDirectory;

    private AwsBackend(AwsStorageOptions options, AWSCredentials? credentials, string dataDirectory, EmulatorProcess? dynalite, EmulatorProcess? s3rver)
    {
        Options = options;
        Credentials = credentials;
        var dynamoDb = AwsClients.CreateDynamoDb(options, null, credentials);
        var s3 = AwsClients.CreateS3(options, null, credentials);
        DynamoDb = dynamoDb;
        S3 = s3;
        _dataDirectory = dataDirectory;
        Dynalite = dynalite;
        S3rver = s3rver;
    }

    public AwsStorageOptions Options { get; }

    /// <summary>null = the SDK's default chain (an external endpoint with AWS_ACCESS_KEY_ID set).</summary>
    public AWSCredentials? Credentials { get; }

    public IAmazonDynamoDB DynamoDb { get; }

    public IAmazonS3 S3 { get; }

    /// <summary>null when an external endpoint (AWS_ENDPOINT_URL) is in use.</summary>
    internal EmulatorProcess? Dynalite { get; }

    internal EmulatorProcess? S3rver { get; }

    public static bool ExternalEndpointConfigured => !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL"));

    /// <param name="useExternalEndpoint">false forces local emulators (fault tests must be able to kill them).</param>
    /// <param name="configure">test-specific options (e.g. fewer retries for fault tests).</param>
    public static async Task<AwsBackend> StartAsync(bool useExternalEndpoint = true, Action<AwsStorageOptions>? configure = null)
    {
        var suffix = Guid.NewGuid().ToString("N")[..10];
        var options = new AwsStorageOptions { TableName = $"ImageMetadata-{suffix}", BucketName = $"images-test-{suffix}" };
        configure?.Invoke(options);
        var dataDirectory = Directory.CreateTempSubdirectory("imageservice-aws-").FullName;

        AwsBackend backend;
        if (useExternalEndpoint && ExternalEndpointConfigured)
        {
            // The SDK resolves the endpoint and region from the environment; credentials from the chain if set.
            var credentials = Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID") is null ? EmulatorCredentials : null;
            backend = new AwsBackend(options, credentials, dataDirectory, null, null);
        }
        else
        {
            var dynalite = await EmulatorProcess.StartDynaliteAsync(Directory.CreateDirectory(Path.Combine(dataDirectory, "dynamodb")).FullName);
            var s3rver = await EmulatorProcess.StartS3rverAsync(Directory.CreateDirectory(Path.Combine(dataDirectory, "s3")).FullName);
            options.DynamoDbServiceUrl = dynalite.Endpoint;
            options.S3ServiceUrl = s3rver.Endpoint;
            backend = new AwsBackend(options, EmulatorCredentials, dataDirectory, dynalite, s3rver);
        }

        await new AwsProvisioner(backend.DynamoDb, backend.S3, options, NullLogger<AwsProvisioner>.Instance).ProvisionAsync();
        // The AWS backend of the API includes the accounts stores (delete looks up the public key to invalidate).
        await new DynamoDbAccountsProvisioner(backend.DynamoDb, new DynamoDbAccountsOptions { TableName = backend.AccountsTableName }).EnsureTableAsync();
        return backend;
    }

    /// <summary>The accounts table beside this run's image table (same unique suffix).</summary>
    public string AccountsTableName => Options.TableName + "-accounts";

    public DynamoDbImageMetadataStore CreateMetadataStore() => new(DynamoDb, Options);

    public S3BlobStore CreateBlobStore() => new(S3, Options);

    /// <summary>Every object key in the bucket that contains <paramref name="fragment"/> (e.g. an owner id).</summary>
    public async Task<IReadOnlyList<string>> ObjectKeysContainingAsync(string fragment)
    {
        var keys = new List<string>();
        var request = new ListObjectsV2Request { BucketName = Options.BucketName };
        ListObjectsV2Response page;
        do
        {
            page = await S3.ListObjectsV2Async(request);
            keys.AddRange((page.S3Objects ?? []).Select(o => o.Key).Where(k => k.Contains(fragment, StringComparison.Ordinal)));
            request.ContinuationToken = page.NextContinuationToken;
        }
        while (page.IsTruncated == true);

        return keys;
    }

    /// <summary>Ids of every metadata item of the owner, Pending ones included (a scan: what a listing cannot show).</summary>
    public async Task<IReadOnlyList<string>> MetadataIdsOfOwnerAsync(string ownerId)
    {
        var ids = new List<string>();
        var request = new ScanRequest
        {
            TableName = Options.TableName,
            FilterExpression = "OwnerId = :owner",
            ExpressionAttributeValues = new() { [":owner"] = new AttributeValue { S = ownerId } },
            ConsistentRead = true,
        };
        ScanResponse page;
        do
        {
            page = await DynamoDb.ScanAsync(request);
            ids.AddRange((page.Items ?? []).Select(item => item["Id"].S));
            request.ExclusiveStartKey = page.LastEvaluatedKey;
        }
        while (page.LastEvaluatedKey is { Count: > 0 });

        return ids;
    }

    public async ValueTask DisposeAsync()
    {
        if (Dynalite is null)
        {
            // External endpoint: drop this run's table (the bucket's few test objects are left to the endpoint).
            await DynamoDb.DeleteTableAsync(Options.TableName);
            await DynamoDb.DeleteTableAsync(AccountsTableName);
        }
        else
        {
            await Dynalite.DisposeAsync();
        }

        if (S3rver is not null)
        {
            await S3rver.DisposeAsync();
        }

        DynamoDb.Dispose();
        S3.Dispose();
        Directory.Delete(_dataDirectory, recursive: true);
    }
}
