using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using ImageService.Core.Variants;
using static ImageService.Storage.Aws.Accounts.AccountItemMapper;

namespace ImageService.Storage.Aws.Accounts;

/// <summary>
/// Named variants as items <c>ACCOUNT#{id}</c> / <c>VARIANT#{name}</c> of the accounts table (one Query lists an
/// account's). The per-account limit is a counter item <c>ACCOUNT#{id}</c> / <c>VARIANTS</c>: a create first takes a
/// slot with a conditional <c>ADD</c> (<c>Count &lt; max</c>), then writes the variant if absent; a delete that removed
/// an item gives its slot back. Without TransactWriteItems (dynalite lacks it) the two writes are separate: a crash
/// between them leaves a slot taken, so the limit errs towards refusing, never past the maximum.
/// </summary>
public sealed class DynamoDbVariantStore(IAmazonDynamoDB dynamoDb, DynamoDbAccountsOptions options) : IVariantStore
{
    private const string VariantSkPrefix = "VARIANT#";
    private const string CounterSk = "VARIANTS";

    public async Task<IReadOnlyList<Variant>> ListAsync(string ownerId, CancellationToken cancellationToken = default)
    {
        var variants = new List<Variant>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var request = new QueryRequest
            {
                TableName = options.TableName,
                KeyConditionExpression = "#pk = :pk AND begins_with(#sk, :prefix)",
                ExpressionAttributeNames = new() { ["#pk"] = AccountsTable.Pk, ["#sk"] = AccountsTable.Sk },
                ExpressionAttributeValues = new() { [":pk"] = S(AccountsTable.AccountPk(ownerId)), [":prefix"] = S(VariantSkPrefix) },
                ConsistentRead = true,
                ExclusiveStartKey = start,
            };
            var response = await DynamoDbGuard.Run(() => dynamoDb.QueryAsync(request, cancellationToken), cancellationToken).ConfigureAwait(false);
            variants.AddRange((response.Items ?? []).Select(ToVariant));
            start = response.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        }
        while (start is not null);
        return variants.OrderBy(v => v.Name, StringComparer.Ordinal).ToList();
    }

    public async Task<Variant?> GetAsync(string ownerId, string name, CancellationToken cancellationToken = default)
    {
        var request = new GetItemRequest { TableName = options.TableName, Key = VariantKey(ownerId, name), ConsistentRead = true };
        var response = await DynamoDbGuard.Run(() => dynamoDb.GetItemAsync(request, cancellationToken), cancellationToken).ConfigureAwait(false);
        return response.Item is { Count: > 0 } item ? ToVariant(item) : null;
    }

    public async Task<VariantPutResult> PutAsync(Variant variant, int maxVariants, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(variant);
        // Each round either replaces, creates, or is refused; a create lost to a concurrent create of the same name
        // turns into a replace on the next round.
        while (true)
        {
            if (await TryReplaceAsync(variant, cancellationToken).ConfigureAwait(false) is { } previous)
            {
                return new VariantPutResult(VariantPutStatus.Replaced, variant with { CreatedAt = previous.CreatedAt }, previous);
            }
            if (!await TryTakeSlotAsync(variant.OwnerId, maxVariants, cancellationToken).ConfigureAwait(false))
            {
                return new VariantPutResult(VariantPutStatus.LimitReached, null, null);
            }
            var item = ToItem(variant);
            var create = new PutItemRequest
            {
                TableName = options.TableName,
                Item = item,
                ConditionExpression = "attribute_not_exists(#pk)",
                ExpressionAttributeNames = new() { ["#pk"] = AccountsTable.Pk },
            };
            try
            {
                await DynamoDbGuard.Run(() => dynamoDb.PutItemAsync(create, cancellationToken), cancellationToken).ConfigureAwait(false);
                return new VariantPutResult(VariantPutStatus.Created, variant, null);
            }
            catch (ConditionalCheckFailedException)
            {
                await ReleaseSlotAsync(variant.OwnerId, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public async Task<Variant?> DeleteAsync(string ownerId, string name, CancellationToken cancellationToken = default)
    {
        var request = new DeleteItemRequest { TableName = options.TableName, Key = VariantKey(ownerId, name), ReturnValues = ReturnValue.ALL_OLD };
        var response = await DynamoDbGuard.Run(() => dynamoDb.DeleteItemAsync(request, cancellationToken), cancellationToken).ConfigureAwait(false);
        if (response.Attributes is not { Count: > 0 } old)
        {
            return null;
        }
        await ReleaseSlotAsync(ownerId, cancellationToken).ConfigureAwait(false);
        return ToVariant(old);
    }

    /// <summary>Overwrites an existing variant (keeping its creation time) and returns the old one; null when absent.</summary>
    private async Task<Variant?> TryReplaceAsync(Variant variant, CancellationToken cancellationToken)
    {
        var request = new UpdateItemRequest
        {
            TableName = options.TableName,
            Key = VariantKey(variant.OwnerId, variant.Name),
            UpdateExpression = "SET #transform = :transform, #eager = :eager, #updated = :updated",
            ConditionExpression = "attribute_exists(#pk)",
            ExpressionAttributeNames = new() { ["#pk"] = AccountsTable.Pk, ["#transform"] = "Transform", ["#eager"] = "Eager", ["#updated"] = "UpdatedAt" },
            ExpressionAttributeValues = new()
            {
                [":transform"] = S(variant.Transform),
                [":eager"] = new AttributeValue { BOOL = variant.Eager },
                [":updated"] = Time(variant.UpdatedAt),
            },
            ReturnValues = ReturnValue.ALL_OLD,
        };
        try
        {
            var response = await DynamoDbGuard.Run(() => dynamoDb.UpdateItemAsync(request, cancellationToken), cancellationToken).ConfigureAwait(false);
            return ToVariant(response.Attributes);
        }
        catch (ConditionalCheckFailedException)
        {
            return null;
        }
    }

    private async Task<bool> TryTakeSlotAsync(string ownerId, int maxVariants, CancellationToken cancellationToken)
    {
        var request = new UpdateItemRequest
        {
            TableName = options.TableName,
            Key = AccountsTable.Key(AccountsTable.AccountPk(ownerId), CounterSk),
            UpdateExpression = "ADD #count :one",
            ConditionExpression = "attribute_not_exists(#count) OR #count < :max",
            ExpressionAttributeNames = new() { ["#count"] = "Count" },
            ExpressionAttributeValues = new() { [":one"] = N(1), [":max"] = N(maxVariants) },
        };
        try
        {
            await DynamoDbGuard.Run(() => dynamoDb.UpdateItemAsync(request, cancellationToken), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    private async Task ReleaseSlotAsync(string ownerId, CancellationToken cancellationToken)
    {
        var request = new UpdateItemRequest
        {
            TableName = options.TableName,
            Key = AccountsTable.Key(AccountsTable.AccountPk(ownerId), CounterSk),
            UpdateExpression = "ADD #count :minusOne",
            // Never below zero (a counter item lost or never written must not go negative and allow more than the maximum).
            ConditionExpression = "#count > :zero",
            ExpressionAttributeNames = new() { ["#count"] = "Count" },
            ExpressionAttributeValues = new() { [":minusOne"] = N(-1), [":zero"] = N(0) },
        };
        try
        {
            await DynamoDbGuard.Run(() => dynamoDb.UpdateItemAsync(request, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        catch (ConditionalCheckFailedException)
        {
            // Already zero: nothing to give back.
        }
    }

    private static Dictionary<string, AttributeValue> VariantKey(string ownerId, string name) =>
        AccountsTable.Key(AccountsTable.AccountPk(ownerId), VariantSkPrefix + name);

    private static Dictionary<string, AttributeValue> ToItem(Variant variant)
    {
        var item = VariantKey(variant.OwnerId, variant.Name);
        item["OwnerId"] = S(variant.OwnerId);
        item["Name"] = S(variant.Name);
        item["Transform"] = S(variant.Transform);
        item["Eager"] = new AttributeValue { BOOL = variant.Eager };
        item["CreatedAt"] = Time(variant.CreatedAt);
        item["UpdatedAt"] = Time(variant.UpdatedAt);
        return item;
    }

    private static Variant ToVariant(Dictionary<string, AttributeValue> item) => new()
    {
        OwnerId = Str(item, "OwnerId"),
        Name = Str(item, "Name"),
        Transform = item.TryGetValue("Transform", out var transform) && transform.S is { } text ? text : "",
        Eager = item.TryGetValue("Eager", out var eager) && eager.BOOL == true,
        CreatedAt = DateTimeOffset.Parse(Str(item, "CreatedAt"), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
        UpdatedAt = DateTimeOffset.Parse(Str(item, "UpdatedAt"), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
    };
}
