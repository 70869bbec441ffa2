using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using ImageService.Core.Images;
using ImageService.Core.Storage;
using static ImageService.Storage.Aws.ImageItemMapper;

namespace ImageService.Storage.Aws;

/// <summary>
/// Per-owner uniqueness of image paths through <see cref="ConditionalClaims"/>: one claim item per owner and path
/// (<see cref="ImageTable.PathClaimId"/>) naming the image (<c>ImageId</c>). The image item stays the truth: a claim
/// counts for readers only while its image belongs to the owner and carries the path. For a rival writer a claim also
/// binds while the write that made it may still land: its image is still at <c>Base</c>, or absent, in which case a
/// fence item under the image's id first makes that create impossible.
/// </summary>
internal sealed class ImagePathClaims(IAmazonDynamoDB dynamoDb, string table, Func<string, CancellationToken, Task<Dictionary<string, AttributeValue>?>> getItem)
{
    private static readonly ClaimItemShape Shape = new(id => new() { [ImageTable.Id] = S(id) }, ImageTable.Id, ImageTable.ClaimedImage);

    private readonly ConditionalClaims _claims = new(dynamoDb, table, Shape);

    /// <summary>Claims <paramref name="path"/> for the owner's image, whose write will expect version
    /// <paramref name="baseVersion"/> (0 = create), and returns the claim's token for <see cref="RollBackAsync"/>.
    /// Throws <see cref="ConflictException"/> when another image holds the path.</summary>
    public async Task<string> ClaimAsync(string ownerId, string imageId, string path, long baseVersion, CancellationToken cancellationToken)
    {
        var claimId = ImageTable.PathClaimId(ownerId, path);
        var outcome = await _claims.ClaimAsync(claimId, imageId, baseVersion,
            (claim, ct) => IsStaleAsync(ownerId, path, claimId, claim, ct), cancellationToken).ConfigureAwait(false);
        return outcome.Status switch
        {
            ClaimStatus.Claimed => outcome.Token!,
            ClaimStatus.HeldByAnother => throw new ConflictException($"Another image of this owner already has the path {path}."),
            _ => throw new ConflictException($"The path {path} is being claimed concurrently; try again."),
        };
    }

    /// <summary>Undoes the claim of a failed image write, unless the image carries the path by now (a concurrent write
    /// of the same image that landed relies on the claim).</summary>
    public async Task RollBackAsync(string ownerId, string imageId, string path, string token, CancellationToken cancellationToken)
    {
        if (!Carries(await getItem(imageId, cancellationToken).ConfigureAwait(false), ownerId, path))
        {
            await _claims.RollBackAsync(ImageTable.PathClaimId(ownerId, path), imageId, token, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Deletes the claim of a path the image dropped (see <see cref="ConditionalClaims.ReleaseAsync"/>;
    /// <paramref name="expectedVersion"/> null after a delete).</summary>
    public Task ReleaseAsync(string ownerId, string imageId, string path, long? expectedVersion, CancellationToken cancellationToken) =>
        _claims.ReleaseAsync(ImageTable.PathClaimId(ownerId, path), imageId, expectedVersion, cancellationToken);

    /// <summary>The owner's image holding <paramref name="path"/>, or null.</summary>
    public async Task<ImageRecord?> FindAsync(string ownerId, string path, CancellationToken cancellationToken)
    {
        var claim = await _claims.GetAsync(ImageTable.PathClaimId(ownerId, path), cancellationToken).ConfigureAwait(false);
        var image = claim is null ? null : await getItem(claim.Holder, cancellationToken).ConfigureAwait(false);
        return Carries(image, ownerId, path) ? FromItem(image!) : null;
    }

    private static bool Carries(Dictionary<string, AttributeValue>? image, string ownerId, string path) =>
        image is not null && OptionalStr(image, ImageTable.OwnerId) == ownerId && OptionalStr(image, ImageTable.Path) == path;

    /// <summary>True when another image's claim can no longer bind: its image neither carries the path nor can still
    /// receive the write that made the claim.</summary>
    private async Task<bool> IsStaleAsync(string ownerId, string path, string claimId, StoredClaim claim, CancellationToken cancellationToken)
    {
        var holder = await getItem(claim.Holder, cancellationToken).ConfigureAwait(false);
        if (holder is null)
        {
            // A create in flight, or one that failed or crashed, or a deleted image whose release did not happen: the
            // fence rules out the first (its put will fail), so the claim is dead. If the image appeared meanwhile, the
            // fence fails and the claim binds (that create carries the path).
            return await ConditionalWrites.PutAsync(dynamoDb, table,
                new(StringComparer.Ordinal) { [ImageTable.Id] = S(claim.Holder), [ImageTable.FencedBy] = S(claimId) },
                "attribute_not_exists(#id)", FencePlaceholders, [], cancellationToken).ConfigureAwait(false);
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
        return long.Parse(Num(holder, ImageTable.Version), System.Globalization.CultureInfo.InvariantCulture) != claim.Base;
    }

    private static readonly Dictionary<string, string> FencePlaceholders = new(StringComparer.Ordinal) { ["#id"] = ImageTable.Id };
}
