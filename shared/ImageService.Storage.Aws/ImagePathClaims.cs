using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using ImageService.Core.Images;
using ImageService.Core.Storage;
using ImageService.Storage.Aws.Accounts;
using static ImageService.Storage.Aws.ImageItemMapper;

namespace ImageService.Storage.Aws;

/// <summary>
/// Per-owner uniqueness of image paths without transactions (dynalite has no TransactWriteItems). A write that gives an
/// image a path first puts a claim item (<see cref="ImageTable.PathClaimId"/>) naming the image (<c>ImageId</c>), the
/// image version the write expects (<c>Base</c>, 0 for a create) and a per-attempt <c>Token</c>, then writes the image;
/// a failed image write rolls its claim back, and dropping a path releases it. The image item stays the truth: a claim
/// counts for readers only while its image belongs to the owner and carries the path. For a rival writer a claim also
/// binds while the write that made it may still land (its image is still at <c>Base</c>, or absent: then a fence item
/// under the image's id first makes that create impossible). Anything else is stale and taken over, conditioned on the
/// token seen, so two writers never both win.
/// </summary>
internal sealed class ImagePathClaims(IAmazonDynamoDB dynamoDb, string table, Func<string, CancellationToken, Task<Dictionary<string, AttributeValue>?>> getItem)
{
    private const int Attempts = 5;

    /// <summary>Claims <paramref name="path"/> for the owner's image, whose write will expect version
    /// <paramref name="baseVersion"/> (0 = create), and returns the claim's token for <see cref="RollBackAsync"/>.
    /// Throws <see cref="ConflictException"/> when another image holds the path.</summary>
    public async Task<string> ClaimAsync(string ownerId, string imageId, string path, long baseVersion, CancellationToken cancellationToken)
    {
        var claimId = ImageTable.PathClaimId(ownerId, path);
        var token = Guid.NewGuid().ToString("N");
        var claim = new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
        {
            [ImageTable.Id] = S(claimId),
            [ImageTable.ClaimedImage] = S(imageId),
            [ImageTable.ClaimBase] = N(baseVersion),
            [ImageTable.ClaimToken] = S(token),
        };
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            if (await PutAsync(claim, "attribute_not_exists(#id)", [], cancellationToken))
            {
                return token;
            }

            var existing = await getItem(claimId, cancellationToken);
            if (existing is null)
            {
                continue; // released meanwhile: try the plain claim again
            }

            // A claim of this same image (left by a failed write, or a concurrent write of it) is taken over as it is:
            // only one write of one image can land, and a losing write's rollback spares a claim its image relies on.
            var holderId = Str(existing, ImageTable.ClaimedImage);
            if (holderId != imageId && !await IsStaleAsync(ownerId, path, existing, cancellationToken))
            {
                throw new ConflictException($"Another image of this owner already has the path {path}.");
            }

            if (await PutAsync(claim, "#image = :holder AND #token = :seen",
                    new() { [":holder"] = S(holderId), [":seen"] = S(Str(existing, ImageTable.ClaimToken)) }, cancellationToken))
            {
                return token;
            }
        }

        throw new ConflictException($"The path {path} is being claimed concurrently; try again.");
    }

    /// <summary>Undoes the claim of a failed image write, unless the image carries the path by now (a concurrent write
    /// of the same image that landed relies on the claim).</summary>
    public async Task RollBackAsync(string ownerId, string imageId, string path, string token, CancellationToken cancellationToken)
    {
        if (!Carries(await getItem(imageId, cancellationToken), ownerId, path))
        {
            await DeleteAsync(ImageTable.PathClaimId(ownerId, path), "#image = :image AND #token = :token",
                new() { [":image"] = S(imageId), [":token"] = S(token) }, cancellationToken);
        }
    }

    /// <summary>Deletes the claim of a path the image dropped. After an update (<paramref name="expectedVersion"/> = the
    /// version it expected) a claim made since by a later write of the same image has a higher Base and survives; after
    /// a delete (null) every claim naming the image is dead.</summary>
    public Task ReleaseAsync(string ownerId, string imageId, string path, long? expectedVersion, CancellationToken cancellationToken)
    {
        var claimId = ImageTable.PathClaimId(ownerId, path);
        return expectedVersion is { } expected
            ? DeleteAsync(claimId, "#image = :image AND #base <= :expected", new() { [":image"] = S(imageId), [":expected"] = N(expected) }, cancellationToken)
            : DeleteAsync(claimId, "#image = :image", new() { [":image"] = S(imageId) }, cancellationToken);
    }

    /// <summary>The owner's image holding <paramref name="path"/>, or null.</summary>
    public async Task<ImageRecord?> FindAsync(string ownerId, string path, CancellationToken cancellationToken)
    {
        var claim = await getItem(ImageTable.PathClaimId(ownerId, path), cancellationToken);
        var image = claim is null ? null : await getItem(Str(claim, ImageTable.ClaimedImage), cancellationToken);
        return Carries(image, ownerId, path) ? FromItem(image!) : null;
    }

    private static bool Carries(Dictionary<string, AttributeValue>? image, string ownerId, string path) =>
        image is not null && OptionalStr(image, ImageTable.OwnerId) == ownerId && OptionalStr(image, ImageTable.Path) == path;

    /// <summary>True when another image's claim can no longer bind: its image neither carries the path nor can still
    /// receive the write that made the claim.</summary>
    private async Task<bool> IsStaleAsync(string ownerId, string path, Dictionary<string, AttributeValue> claim, CancellationToken cancellationToken)
    {
        var holderId = Str(claim, ImageTable.ClaimedImage);
        var holder = await getItem(holderId, cancellationToken);
        if (holder is null)
        {
            // A create in flight, or one that failed or crashed, or a deleted image whose release did not happen: the
            // fence rules out the first (its put will fail), so the claim is dead. If the image appeared meanwhile, the
            // fence fails and the claim binds (that create carries the path).
            return await PutAsync(
                new(StringComparer.Ordinal) { [ImageTable.Id] = S(holderId), [ImageTable.FencedBy] = S(Str(claim, ImageTable.Id)) },
                "attribute_not_exists(#id)", [], cancellationToken);
        }

        if (OptionalStr(holder, ImageTable.OwnerId) != ownerId)
        {
            return true; // a fence, or another owner's image: the claiming write's owner condition cannot pass
        }

        if (OptionalStr(holder, ImageTable.Path) == path)
        {
            return false;
        }

        // The claiming write expects version Base: while the image is still at it, that write may land. Versions only
        // grow, so once past it the claim is dead.
        return long.Parse(Num(holder, ImageTable.Version), CultureInfo.InvariantCulture)
            != long.Parse(Num(claim, ImageTable.ClaimBase), CultureInfo.InvariantCulture);
    }

    // Every #placeholder the conditions above use.
    private static readonly Dictionary<string, string> Placeholders = new(StringComparer.Ordinal)
    {
        ["#id"] = ImageTable.Id, ["#image"] = ImageTable.ClaimedImage, ["#token"] = ImageTable.ClaimToken, ["#base"] = ImageTable.ClaimBase,
    };

    private Task<bool> PutAsync(Dictionary<string, AttributeValue> item, string condition, Dictionary<string, AttributeValue> values, CancellationToken cancellationToken) =>
        ConditionalWrites.PutAsync(dynamoDb, table, item, condition, Placeholders, values, cancellationToken);

    // False means another image's claim by now (or gone): not ours to delete.
    private Task<bool> DeleteAsync(string claimId, string condition, Dictionary<string, AttributeValue> values, CancellationToken cancellationToken) =>
        ConditionalWrites.DeleteAsync(dynamoDb, table, new() { [ImageTable.Id] = S(claimId) }, condition, Placeholders, values, cancellationToken);
}
