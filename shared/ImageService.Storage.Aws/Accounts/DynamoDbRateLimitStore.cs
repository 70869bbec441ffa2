using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using ImageService.Core.Usage;
using static ImageService.Storage.Aws.Accounts.AccountItemMapper;

namespace ImageService.Storage.Aws.Accounts;

/// <summary>
/// Rate windows as one item per account and window: <c>ADD Count :permits</c> under the condition that the count is
/// absent or at most the limit minus the permits. DynamoDB applies writes to one item one at a time, so exactly the limit succeed; a failed
/// condition is the refusal. Windows expire through the table's TTL on <c>ExpiresAt</c>.
/// </summary>
public sealed class DynamoDbRateLimitStore(IAmazonDynamoDB dynamoDb, DynamoDbAccountsOptions options) : IRateLimitStore
{
    // Well past any window, so TTL (which deletes lazily, within about two days) never races a live one.
    private const long WindowRetentionSeconds = 3600;

    public async Task<RateWindowResult> TryAcquireAsync(string accountId, long windowStart, int limit, int permits = 1, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(permits, 1);
        if (limit < 1 || permits > limit)
        {
            return new RateWindowResult(false, 0);
        }

        var request = new UpdateItemRequest
        {
            TableName = options.TableName,
            Key = AccountsTable.Key(AccountsTable.RatePk(accountId), AccountsTable.WindowSk(windowStart)),
            UpdateExpression = "ADD #count :permits SET #expires = :expires",
            ConditionExpression = "attribute_not_exists(#count) OR #count <= :room",
            ExpressionAttributeNames = new() { ["#count"] = "Count", ["#expires"] = AccountsTable.ExpiresAt },
            ExpressionAttributeValues = new()
            {
                [":permits"] = N(permits), [":room"] = N(limit - permits), [":expires"] = N(windowStart + WindowRetentionSeconds),
            },
            ReturnValues = ReturnValue.UPDATED_NEW,
        };
        try
        {
            var response = await DynamoDbGuard.Run(() => dynamoDb.UpdateItemAsync(request, cancellationToken), cancellationToken);
            return new RateWindowResult(true, Long(response.Attributes, "Count"));
        }
        catch (ConditionalCheckFailedException)
        {
            return new RateWindowResult(false, limit);
        }
    }
}
