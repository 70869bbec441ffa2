using System.Buffers.Text;
using System.Text;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using ImageService.Core.Images;
using ImageService.Core.Storage;

namespace ImageService.Storage.Aws;

/// <summary>
/// <see cref="IImageMetadataStore"/> on one DynamoDB table; the key design is described on <see cref="ImageTable"/>.
/// The continuation position (<see cref="ImagePage.Next"/>) is the base64url creation key of the last returned
/// item; the API wraps it in its tamper-proof cursor.
/// </summary>
public sealed class DynamoDbImageMetadataStore(IAmazonDynamoDB dynamoDb, AwsStorageOptions options) : IImageMetadataStore
{
    // Items a filtered query evaluates per round trip: large enough that a rare tag needs few calls.
    private const int FilteredBatch = 100;
    private const int MaxLimit = 1000;
    private const string OwnerMatches = "#owner = :owner";

    private readonly string _table = options.TableName;

    public async Task CreateAsync(ImageRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        var request = new PutItemRequest
        {
            TableName = _table,
            Item = ImageItemMapper.ToItem(record),
            ConditionExpression = "attribute_not_exists(#id)",
            ExpressionAttributeNames = new() { ["#id"] = ImageTable.Id },
        };
        try
        {
            await Guard(() => dynamoDb.PutItemAsync(request, cancellationToken), cancellationToken);
        }
        catch (ConditionalCheckFailedException ex)
        {
            throw new ConflictException($"Image {record.Id} already exists.", ex);
        }
    }

    public async Task<ImageRecord?> GetAsync(string ownerId, string imageId, CancellationToken cancellationToken = default)
    {
        var item = await GetItemAsync(imageId, cancellationToken);
        return item is not null && item.TryGetValue(ImageTable.OwnerId, out var owner) && owner.S == ownerId
            ? ImageItemMapper.FromItem(item)
            : null;
    }

    public async Task<ImagePage> ListAsync(ImageQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        // Same bounds as the embedded backend, so both answer an out-of-range limit alike.
        var limit = Math.Clamp(query.Limit, 1, MaxLimit);

        var request = BuildQuery(query);
        var startKey = query.After is null ? null : StartKey(query, DecodePosition(query.After));
        // One item beyond the page tells whether another page exists, so Next is null exactly on the last page.
        var wanted = limit + 1;
        var found = new List<Dictionary<string, AttributeValue>>(wanted);
        do
        {
            request.ExclusiveStartKey = startKey;
            request.Limit = query.Tag is null ? wanted - found.Count : Math.Max(wanted - found.Count, FilteredBatch);
            var response = await Guard(() => dynamoDb.QueryAsync(request, cancellationToken), cancellationToken);
            found.AddRange((response.Items ?? []).Take(wanted - found.Count));
            startKey = response.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (found.Count < wanted && startKey is not null);

        var items = found.Take(limit).Select(ImageItemMapper.FromItem).ToArray();
        // The next page starts after the last item RETURNED (not the last one DynamoDB evaluated), so a filtered
        // batch that overshot the page neither skips nor repeats anything.
        var next = found.Count > limit ? EncodePosition(found[limit - 1][ImageTable.CreatedKey].S) : null;
        return new ImagePage(items, next);
    }

    public async Task UpdateAsync(ImageRecord updated, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(updated);
        var request = new PutItemRequest
        {
            TableName = _table,
            Item = ImageItemMapper.ToItem(updated),
            ConditionExpression = $"attribute_exists(#id) AND {OwnerMatches} AND #version = :expected",
            ExpressionAttributeNames = new()
            {
                ["#id"] = ImageTable.Id, ["#owner"] = ImageTable.OwnerId, ["#version"] = ImageTable.Version,
            },
            ExpressionAttributeValues = new()
            {
                [":owner"] = ImageItemMapper.S(updated.OwnerId), [":expected"] = ImageItemMapper.N(expectedVersion),
            },
        };
        try
        {
            await Guard(() => dynamoDb.PutItemAsync(request, cancellationToken), cancellationToken);
        }
        catch (ConditionalCheckFailedException ex)
        {
            // The condition does not say which part failed; a consistent read does.
            var current = await GetAsync(updated.OwnerId, updated.Id, cancellationToken);
            throw current is null
                ? new NotFoundException($"Image {updated.Id} does not exist.", ex)
                : new PreconditionFailedException($"Image {updated.Id} is at version {current.Version}, not {expectedVersion}.", ex);
        }
    }

    public async Task<bool> DeleteAsync(string ownerId, string imageId, CancellationToken cancellationToken = default)
    {
        var request = new DeleteItemRequest
        {
            TableName = _table,
            Key = new() { [ImageTable.Id] = ImageItemMapper.S(imageId) },
            ConditionExpression = OwnerMatches,
            ExpressionAttributeNames = new() { ["#owner"] = ImageTable.OwnerId },
            ExpressionAttributeValues = new() { [":owner"] = ImageItemMapper.S(ownerId) },
            ReturnValues = ReturnValue.ALL_OLD,
        };
        try
        {
            var response = await Guard(() => dynamoDb.DeleteItemAsync(request, cancellationToken), cancellationToken);
            return response.Attributes is { Count: > 0 };
        }
        catch (ConditionalCheckFailedException)
        {
            // Absent, or another owner's image: either way there was nothing of this owner's to delete.
            return false;
        }
    }

    public async Task<bool> IsReadyAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            var response = await dynamoDb.DescribeTableAsync(_table, cancellationToken);
            return response.Table.TableStatus == TableStatus.ACTIVE;
        }
        catch (Exception ex) when (ex is AmazonDynamoDBException || AwsFailures.IsUnavailable(ex, cancellationToken))
        {
            return false;
        }
    }

    private async Task<Dictionary<string, AttributeValue>?> GetItemAsync(string imageId, CancellationToken cancellationToken)
    {
        var request = new GetItemRequest
        {
            TableName = _table,
            Key = new() { [ImageTable.Id] = ImageItemMapper.S(imageId) },
            ConsistentRead = true,
        };
        var response = await Guard(() => dynamoDb.GetItemAsync(request, cancellationToken), cancellationToken);
        return response.Item is { Count: > 0 } item ? item : null;
    }

    private QueryRequest BuildQuery(ImageQuery query)
    {
        var request = new QueryRequest
        {
            TableName = _table,
            ScanIndexForward = false,
            ExpressionAttributeNames = new(StringComparer.Ordinal),
            ExpressionAttributeValues = new(StringComparer.Ordinal),
        };
        if (query.AlbumId is null)
        {
            request.IndexName = ImageTable.UserIndex;
            request.KeyConditionExpression = "#pk = :pk";
            request.ExpressionAttributeNames["#pk"] = ImageTable.ListOwner;
            request.ExpressionAttributeValues[":pk"] = ImageItemMapper.S(query.OwnerId);
        }
        else
        {
            request.IndexName = ImageTable.AlbumIndex;
            request.KeyConditionExpression = "#pk = :pk";
            request.ExpressionAttributeNames["#pk"] = ImageTable.AlbumKey;
            request.ExpressionAttributeValues[":pk"] = ImageItemMapper.S(ImageTable.AlbumKeyOf(query.OwnerId, query.AlbumId));
        }

        if (query.Tag is not null)
        {
            request.FilterExpression = "contains(#tags, :tag)";
            request.ExpressionAttributeNames["#tags"] = ImageTable.Tags;
            request.ExpressionAttributeValues[":tag"] = ImageItemMapper.S(query.Tag);
        }

        return request;
    }

    private static Dictionary<string, AttributeValue> StartKey(ImageQuery query, string createdKey)
    {
        var key = new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
        {
            [ImageTable.Id] = ImageItemMapper.S(ImageTable.IdOfCreatedKey(createdKey)),
            [ImageTable.CreatedKey] = ImageItemMapper.S(createdKey),
        };
        if (query.AlbumId is null)
        {
            key[ImageTable.ListOwner] = ImageItemMapper.S(query.OwnerId);
        }
        else
        {
            key[ImageTable.AlbumKey] = ImageItemMapper.S(ImageTable.AlbumKeyOf(query.OwnerId, query.AlbumId));
        }

        return key;
    }

    private static string EncodePosition(string createdKey) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(createdKey));

    private static string DecodePosition(string position)
    {
        try
        {
            var createdKey = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(position));
            _ = ImageTable.IdOfCreatedKey(createdKey);
            return createdKey;
        }
        catch (FormatException ex)
        {
            throw new ArgumentException("Not a continuation position of this store.", nameof(position), ex);
        }
    }

    private static async Task<T> Guard<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call();
        }
        catch (Exception ex) when (AwsFailures.IsUnavailable(ex, cancellationToken))
        {
            throw AwsFailures.Unavailable("DynamoDB", ex);
        }
    }
}
