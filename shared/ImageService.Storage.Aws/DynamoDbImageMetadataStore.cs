using System.Buffers.Text;
using System.Text;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using ImageService.Core.Images;
using ImageService.Core.Storage;
using ImageService.Storage.Aws.Accounts;

namespace ImageService.Storage.Aws;

/// <summary>
/// <see cref="IImageMetadataStore"/> on one DynamoDB table; the key design is described on <see cref="ImageTable"/>.
/// The continuation position (<see cref="ImagePage.Next"/>) is the base64url creation key of the last returned
/// item; the API wraps it in its tamper-proof cursor. Paths are kept unique per owner by <see cref="ImagePathClaims"/>.
/// </summary>
public sealed class DynamoDbImageMetadataStore(IAmazonDynamoDB dynamoDb, AwsStorageOptions options) : IImageMetadataStore
{
    // Items a filtered query evaluates per round trip: large enough that a rare tag needs few calls.
    private const int FilteredBatch = 100;
    private const int MaxLimit = 1000;
    private const string OwnerMatches = "#owner = :owner";
    private const string CreateTokenAttribute = "CreateToken";

    private readonly string _table = options.TableName;
    private ImagePathClaims? _paths;

    private ImagePathClaims Paths => _paths ??= new ImagePathClaims(dynamoDb, _table, GetItemAsync);

    public async Task CreateAsync(ImageRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        var claim = record.Path is null ? null : await Paths.ClaimAsync(record.OwnerId, record.Id, record.Path, baseVersion: 0, cancellationToken);
        // Marks this call's item, so a retry of it can recognise its own earlier attempt (below). Later writes of the
        // image put a fresh item without it.
        var createToken = Guid.NewGuid().ToString("N");
        var item = ImageItemMapper.ToItem(record);
        item[CreateTokenAttribute] = ImageItemMapper.S(createToken);
        var request = new PutItemRequest
        {
            TableName = _table,
            Item = item,
            ConditionExpression = "attribute_not_exists(#id)",
            ExpressionAttributeNames = new() { ["#id"] = ImageTable.Id },
        };
        try
        {
            await DynamoDbGuard.Run(() => dynamoDb.PutItemAsync(request, cancellationToken), cancellationToken);
        }
        catch (ConditionalCheckFailedException ex)
        {
            // The SDK retries a put whose answer was lost on the way back (found by the fault tests: a 409 that left
            // the record behind while the blobs were removed); the retry then meets the item of its own first attempt,
            // and that create succeeded.
            if (await GetItemAsync(record.Id, cancellationToken) is { } stored
                && stored.TryGetValue(CreateTokenAttribute, out var token) && token.S == createToken)
            {
                return;
            }

            if (claim is not null)
            {
                await Paths.RollBackAsync(record.OwnerId, record.Id, record.Path!, claim, cancellationToken);
            }

            // The id is taken, or fenced because a rival writer took over this create's claim (see ImagePathClaims).
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

    public Task<ImageRecord?> FindByPathAsync(string ownerId, string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        // A path that breaks the rules cannot be stored (and an over-long one would make an invalid key).
        return ImagePaths.Problem(path) is null ? Paths.FindAsync(ownerId, path, cancellationToken) : Task.FromResult<ImageRecord?>(null);
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
            var response = await DynamoDbGuard.Run(() => dynamoDb.QueryAsync(request, cancellationToken), cancellationToken);
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
        // Checked up front so a stale update claims nothing; the write's condition below is what guarantees it.
        var current = await GetAsync(updated.OwnerId, updated.Id, cancellationToken)
            ?? throw new NotFoundException(StoredItem.Image, $"Image {updated.Id} does not exist.");
        if (current.Version != expectedVersion)
        {
            throw new PreconditionFailedException($"Image {updated.Id} is at version {current.Version}, not {expectedVersion}.");
        }

        var pathChanged = !string.Equals(current.Path, updated.Path, StringComparison.Ordinal);
        var claim = pathChanged && updated.Path is not null
            ? await Paths.ClaimAsync(updated.OwnerId, updated.Id, updated.Path, expectedVersion, cancellationToken)
            : null;
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
            await DynamoDbGuard.Run(() => dynamoDb.PutItemAsync(request, cancellationToken), cancellationToken);
        }
        catch (ConditionalCheckFailedException ex)
        {
            if (claim is not null)
            {
                await Paths.RollBackAsync(updated.OwnerId, updated.Id, updated.Path!, claim, cancellationToken);
            }

            // The condition does not say which part failed; a consistent read does.
            var now = await GetAsync(updated.OwnerId, updated.Id, cancellationToken);
            throw now is null
                ? new NotFoundException(StoredItem.Image, $"Image {updated.Id} does not exist.", ex)
                : new PreconditionFailedException($"Image {updated.Id} is at version {now.Version}, not {expectedVersion}.", ex);
        }

        if (pathChanged && current.Path is not null)
        {
            await Paths.ReleaseAsync(updated.OwnerId, updated.Id, current.Path, expectedVersion, cancellationToken);
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
            var response = await DynamoDbGuard.Run(() => dynamoDb.DeleteItemAsync(request, cancellationToken), cancellationToken);
            if (response.Attributes is not { Count: > 0 } deleted)
            {
                return false;
            }

            if (ImageItemMapper.OptionalStr(deleted, ImageTable.Path) is { } path)
            {
                await Paths.ReleaseAsync(ownerId, imageId, path, expectedVersion: null, cancellationToken);
            }

            return true;
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
        var response = await DynamoDbGuard.Run(() => dynamoDb.GetItemAsync(request, cancellationToken), cancellationToken);
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
}
