using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using ImageService.Core.Storage;
using static ImageService.Storage.Aws.Accounts.AccountItemMapper;

namespace ImageService.Storage.Aws.Accounts;

/// <summary>Pending CDN purges as items <c>PURGES</c> / <c>PURGE#{id}</c> of the accounts table (one partition: one
/// Query lists them all; purges that fail are rare and short-lived).</summary>
public sealed class DynamoDbPendingPurgeStore(IAmazonDynamoDB dynamoDb, DynamoDbAccountsOptions options) : IPendingPurgeStore
{
    public async Task AddAsync(PendingPurge purge, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(purge);
        var item = AccountsTable.Key(AccountsTable.PurgesPk, AccountsTable.PurgeSk(purge.Id));
        item["Paths"] = new AttributeValue { L = purge.Paths.Select(S).ToList() };
        item["CreatedAt"] = N(purge.CreatedAt.ToUnixTimeMilliseconds());
        item["Attempts"] = N(purge.Attempts);
        await DynamoDbGuard.Run(() => dynamoDb.PutItemAsync(new PutItemRequest { TableName = options.TableName, Item = item }, cancellationToken),
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<PendingPurge>> ListAsync(CancellationToken cancellationToken = default)
    {
        var purges = new List<PendingPurge>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var request = new QueryRequest
            {
                TableName = options.TableName,
                KeyConditionExpression = "#pk = :pk",
                ExpressionAttributeNames = new() { ["#pk"] = AccountsTable.Pk },
                ExpressionAttributeValues = new() { [":pk"] = S(AccountsTable.PurgesPk) },
                ConsistentRead = true,
                ExclusiveStartKey = start,
            };
            var response = await DynamoDbGuard.Run(() => dynamoDb.QueryAsync(request, cancellationToken), cancellationToken).ConfigureAwait(false);
            foreach (var item in response.Items ?? [])
            {
                purges.Add(new PendingPurge(
                    item[AccountsTable.Sk].S[AccountsTable.PurgeSkPrefix.Length..],
                    item["Paths"].L.Select(p => p.S).ToArray(),
                    DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(item["CreatedAt"].N, CultureInfo.InvariantCulture)),
                    int.Parse(item["Attempts"].N, CultureInfo.InvariantCulture)));
            }
            start = response.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        }
        while (start is not null);
        return purges.OrderBy(p => p.CreatedAt).ThenBy(p => p.Id, StringComparer.Ordinal).ToList();
    }

    public async Task SetAttemptsAsync(string id, int attempts, CancellationToken cancellationToken = default)
    {
        var request = new UpdateItemRequest
        {
            TableName = options.TableName,
            Key = AccountsTable.Key(AccountsTable.PurgesPk, AccountsTable.PurgeSk(id)),
            UpdateExpression = "SET #attempts = :attempts",
            // A purge that succeeded meanwhile (and was removed) must not come back as a bare item.
            ConditionExpression = "attribute_exists(#pk)",
            ExpressionAttributeNames = new() { ["#attempts"] = "Attempts", ["#pk"] = AccountsTable.Pk },
            ExpressionAttributeValues = new() { [":attempts"] = N(attempts) },
        };
        try
        {
            await DynamoDbGuard.Run(() => dynamoDb.UpdateItemAsync(request, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        catch (ConditionalCheckFailedException)
        {
            // Removed meanwhile: nothing to record.
        }
    }

    public async Task RemoveAsync(string id, CancellationToken cancellationToken = default)
    {
        var request = new DeleteItemRequest { TableName = options.TableName, Key = AccountsTable.Key(AccountsTable.PurgesPk, AccountsTable.PurgeSk(id)) };
        await DynamoDbGuard.Run(() => dynamoDb.DeleteItemAsync(request, cancellationToken), cancellationToken).ConfigureAwait(false);
    }
}
