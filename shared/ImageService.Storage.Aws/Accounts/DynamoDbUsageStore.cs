using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using ImageService.Core.Usage;
using static ImageService.Storage.Aws.Accounts.AccountItemMapper;

namespace ImageService.Storage.Aws.Accounts;

/// <summary>Usage counters as one item per account and month, grown with an atomic <c>ADD</c> (no read, no lost counts).</summary>
/// <remarks>The same item holds the edge counters (<see cref="EdgeRequests"/>, <see cref="EdgeBytes"/>) that
/// <see cref="DynamoDbCdnLogLedger"/> adds from CDN logs, and <see cref="EdgeLogs"/>, the ids of log objects being applied.</remarks>
public sealed class DynamoDbUsageStore(IAmazonDynamoDB dynamoDb, DynamoDbAccountsOptions options) : IUsageStore
{
    public const string EdgeRequests = "EdgeRequests";
    public const string EdgeBytes = "EdgeBytes";
    public const string EdgeLogs = "EdgeLogs";

    public async Task AddAsync(string accountId, string month, UsageDelta delta, CancellationToken cancellationToken = default)
    {
        if (delta.Requests < 0 || delta.Transformations < 0 || delta.BytesServed < 0 || delta.CacheHits < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(delta), delta, "Usage only grows.");
        }

        var request = new UpdateItemRequest
        {
            TableName = options.TableName,
            Key = AccountsTable.Key(AccountsTable.AccountPk(accountId), AccountsTable.UsageSk(month)),
            UpdateExpression = "ADD #requests :requests, #transformations :transformations, #bytes :bytes, #hits :hits",
            ExpressionAttributeNames = new()
            {
                ["#requests"] = "Requests", ["#transformations"] = "Transformations", ["#bytes"] = "BytesServed", ["#hits"] = "CacheHits",
            },
            ExpressionAttributeValues = new()
            {
                [":requests"] = N(delta.Requests), [":transformations"] = N(delta.Transformations),
                [":bytes"] = N(delta.BytesServed), [":hits"] = N(delta.CacheHits),
            },
        };
        await DynamoDbGuard.Run(() => dynamoDb.UpdateItemAsync(request, cancellationToken), cancellationToken);
    }

    public async Task<UsageCounters> GetAsync(string accountId, string month, CancellationToken cancellationToken = default)
    {
        var request = new GetItemRequest
        {
            TableName = options.TableName,
            Key = AccountsTable.Key(AccountsTable.AccountPk(accountId), AccountsTable.UsageSk(month)),
            ConsistentRead = true,
        };
        var response = await DynamoDbGuard.Run(() => dynamoDb.GetItemAsync(request, cancellationToken), cancellationToken);
        if (response.Item is not { Count: > 0 } item)
        {
            return UsageCounters.Empty(accountId, month);
        }

        var counters = new UsageCounters(accountId, month,
            Long(item, "Requests"), Long(item, "Transformations"), Long(item, "BytesServed"), Long(item, "CacheHits"));
        return item.ContainsKey(EdgeRequests) ? counters with { Edge = new EdgeUsage(Long(item, EdgeRequests), Long(item, EdgeBytes)) } : counters;
    }
}
