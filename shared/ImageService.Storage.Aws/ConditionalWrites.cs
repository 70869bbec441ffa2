using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using ImageService.Storage.Aws.Accounts;

namespace ImageService.Storage.Aws;

/// <summary>
/// A put or delete under a condition expression, answering whether the condition held: what the claim items of custom
/// domains and image paths are written with. <c>placeholders</c> maps every <c>#name</c> the caller's conditions may
/// use; only those a condition uses are sent (DynamoDB rejects unused ones).
/// </summary>
internal static class ConditionalWrites
{
    public static Task<bool> PutAsync(IAmazonDynamoDB dynamoDb, string table, Dictionary<string, AttributeValue> item, string condition,
        IReadOnlyDictionary<string, string> placeholders, Dictionary<string, AttributeValue> values, CancellationToken cancellationToken) =>
        HeldAsync(() => dynamoDb.PutItemAsync(new PutItemRequest
        {
            TableName = table,
            Item = item,
            ConditionExpression = condition,
            ExpressionAttributeNames = Used(condition, placeholders),
            ExpressionAttributeValues = values.Count == 0 ? null : values,
        }, cancellationToken), cancellationToken);

    public static Task<bool> DeleteAsync(IAmazonDynamoDB dynamoDb, string table, Dictionary<string, AttributeValue> key, string condition,
        IReadOnlyDictionary<string, string> placeholders, Dictionary<string, AttributeValue> values, CancellationToken cancellationToken) =>
        HeldAsync(() => dynamoDb.DeleteItemAsync(new DeleteItemRequest
        {
            TableName = table,
            Key = key,
            ConditionExpression = condition,
            ExpressionAttributeNames = Used(condition, placeholders),
            ExpressionAttributeValues = values.Count == 0 ? null : values,
        }, cancellationToken), cancellationToken);

    private static async Task<bool> HeldAsync<T>(Func<Task<T>> write, CancellationToken cancellationToken)
    {
        try
        {
            await DynamoDbGuard.Run(write, cancellationToken);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    private static Dictionary<string, string> Used(string condition, IReadOnlyDictionary<string, string> placeholders) =>
        placeholders.Where(p => condition.Contains(p.Key, StringComparison.Ordinal)).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
}
