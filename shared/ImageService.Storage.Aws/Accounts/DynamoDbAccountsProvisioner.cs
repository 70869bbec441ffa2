using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace ImageService.Storage.Aws.Accounts;

/// <summary>Creates the accounts table when absent, for LocalStack and the emulators; in AWS the CDK stack owns it.</summary>
public sealed class DynamoDbAccountsProvisioner(IAmazonDynamoDB dynamoDb, DynamoDbAccountsOptions options)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    public async Task EnsureTableAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await dynamoDb.CreateTableAsync(AccountsTable.Definition(options.TableName), cancellationToken);
        }
        catch (ResourceInUseException)
        {
            // Already there (or being created by another process): wait for it below.
        }

        while ((await dynamoDb.DescribeTableAsync(options.TableName, cancellationToken)).Table.TableStatus != TableStatus.ACTIVE)
        {
            await Task.Delay(PollInterval, cancellationToken);
        }
    }
}
