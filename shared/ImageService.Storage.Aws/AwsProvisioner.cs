using System.Net;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Logging;

namespace ImageService.Storage.Aws;

/// <summary>
/// Creates the metadata table (with both GSIs) and the bucket when absent, for LocalStack and the emulators
/// (`provision` command, test fixtures). In AWS the CDK stack owns them and this is never run.
/// </summary>
public sealed partial class AwsProvisioner(IAmazonDynamoDB dynamoDb, IAmazonS3 s3, AwsStorageOptions options, ILogger<AwsProvisioner> logger)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    public async Task ProvisionAsync(CancellationToken cancellationToken = default)
    {
        await EnsureTableAsync(cancellationToken);
        await EnsureBucketAsync(cancellationToken);
    }

    public async Task EnsureTableAsync(CancellationToken cancellationToken = default)
    {
        if (await TableStatusAsync(cancellationToken) is null)
        {
            try
            {
                await dynamoDb.CreateTableAsync(TableDefinition(options.TableName), cancellationToken);
                LogTableCreated(options.TableName);
            }
            catch (ResourceInUseException)
            {
                // Another process created it between the check and the call: fine.
            }
        }

        while (await TableStatusAsync(cancellationToken) is not true)
        {
            await Task.Delay(PollInterval, cancellationToken);
        }
    }

    public async Task EnsureBucketAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = options.BucketName, MaxKeys = 1 }, cancellationToken);
            return;
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            // Absent: create it below.
        }

        try
        {
            await s3.PutBucketAsync(new PutBucketRequest { BucketName = options.BucketName }, cancellationToken);
            LogBucketCreated(options.BucketName);
        }
        catch (AmazonS3Exception ex) when (ex.ErrorCode is "BucketAlreadyOwnedByYou")
        {
            // Created concurrently by us: fine.
        }
    }

    /// <summary>The table as <see cref="ImageTable"/> describes it: id key, two sparse newest-first indexes.</summary>
    internal static CreateTableRequest TableDefinition(string tableName) => new()
    {
        TableName = tableName,
        BillingMode = BillingMode.PAY_PER_REQUEST,
        AttributeDefinitions =
        [
            new AttributeDefinition(ImageTable.Id, ScalarAttributeType.S),
            new AttributeDefinition(ImageTable.ListOwner, ScalarAttributeType.S),
            new AttributeDefinition(ImageTable.AlbumKey, ScalarAttributeType.S),
            new AttributeDefinition(ImageTable.CreatedKey, ScalarAttributeType.S),
        ],
        KeySchema = [new KeySchemaElement(ImageTable.Id, KeyType.HASH)],
        GlobalSecondaryIndexes =
        [
            Index(ImageTable.UserIndex, ImageTable.ListOwner),
            Index(ImageTable.AlbumIndex, ImageTable.AlbumKey),
        ],
    };

    private static GlobalSecondaryIndex Index(string name, string partitionKey) => new()
    {
        IndexName = name,
        KeySchema = [new KeySchemaElement(partitionKey, KeyType.HASH), new KeySchemaElement(ImageTable.CreatedKey, KeyType.RANGE)],
        // Listing returns whole records; projecting everything saves a read per item.
        Projection = new Projection { ProjectionType = ProjectionType.ALL },
    };

    /// <summary>null = absent, false = still being created, true = table and every index ACTIVE.</summary>
    private async Task<bool?> TableStatusAsync(CancellationToken cancellationToken)
    {
        try
        {
            var table = (await dynamoDb.DescribeTableAsync(options.TableName, cancellationToken)).Table;
            return table.TableStatus == TableStatus.ACTIVE
                && (table.GlobalSecondaryIndexes ?? []).All(index => index.IndexStatus == IndexStatus.ACTIVE);
        }
        catch (ResourceNotFoundException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created DynamoDB table {TableName} with its indexes")]
    private partial void LogTableCreated(string tableName);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created S3 bucket {BucketName}")]
    private partial void LogBucketCreated(string bucketName);
}
