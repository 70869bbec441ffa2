using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace ImageService.Storage.Aws.Jobs;

/// <summary>Creates the jobs table when absent, for LocalStack and the emulators; in AWS the CDK stack owns it.</summary>
public sealed class DynamoDbJobsProvisioner(IAmazonDynamoDB dynamoDb, AwsJobsOptions options)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    public async Task EnsureTableAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await dynamoDb.CreateTableAsync(JobsTable.Definition(options.TableName), cancellationToken).ConfigureAwait(false);
        }
        catch (ResourceInUseException)
        {
            // Already there (or being created by another process): wait for it below.
        }
        while ((await dynamoDb.DescribeTableAsync(options.TableName, cancellationToken).ConfigureAwait(false)).Table.TableStatus != TableStatus.ACTIVE)
        {
            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }
}
