using System.Globalization;

namespace ImageService.Storage.Aws;

/// <summary>
/// Key design of the image metadata table (one item per image):
/// <list type="bullet">
/// <item><c>Id</c> (S) is the table's partition key: image ids are globally unique, so create can refuse a
/// duplicate with one condition, exactly as the embedded backend's primary key does.</item>
/// <item><c>UserIndex</c>: partition <c>ListOwner</c> = owner id, sort <c>CreatedKey</c>.</item>
/// <item><c>AlbumIndex</c>: partition <c>AlbumKey</c> = "{owner length}#{owner}#{album}" (the length prefix
/// keeps owners apart even when ids contain '#'), sort <c>CreatedKey</c>.</item>
/// <item><c>CreatedKey</c> = fixed-width UTC creation time + "#" + id: sorts by time, then id, so a
/// descending query is newest first with a stable tie-break.</item>
/// <item>Both indexes are sparse: <c>ListOwner</c> and <c>AlbumKey</c> are written only for Ready images, so
/// Pending uploads never appear in a listing and cost no filter.</item>
/// <item>Path claims (<see cref="ImagePathClaims"/>): one item per owner's path, <c>Id</c> =
/// "PATH#{owner length}#{owner}#{path}" (never an image id), naming the image in <c>ImageId</c>. Claims carry no
/// <c>OwnerId</c>, <c>ListOwner</c> or <c>AlbumKey</c>, so reads by id, deletes and both indexes never see them.</item>
/// <item>Fences: an item with only <c>Id</c> = an image id and <c>FencedBy</c>, written when a stale claim of an absent
/// image is taken over, so that image can never be created later with the path it no longer holds.</item>
/// </list>
/// </summary>
internal static class ImageTable
{
    public const string Id = "Id";
    public const string OwnerId = "OwnerId";
    public const string AlbumId = "AlbumId";
    public const string Title = "Title";
    public const string Description = "Description";
    public const string Tags = "Tags";
    public const string Format = "Format";
    public const string Width = "Width";
    public const string Height = "Height";
    public const string Bytes = "Bytes";
    public const string Sha256 = "Sha256";
    public const string Status = "Status";
    public const string CreatedAt = "CreatedAt";
    public const string UpdatedAt = "UpdatedAt";
    public const string Version = "Version";
    public const string ListOwner = "ListOwner";
    public const string AlbumKey = "AlbumKey";
    public const string CreatedKey = "CreatedKey";
    public const string Path = "Path";

    // Path claim and fence attributes.
    public const string ClaimedImage = "ImageId";
    public const string ClaimBase = "Base";
    public const string ClaimToken = "Token";
    public const string FencedBy = "FencedBy";

    public const string UserIndex = "UserIndex";
    public const string AlbumIndex = "AlbumIndex";

    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static string CreatedKeyOf(DateTimeOffset createdAt, string imageId) =>
        createdAt.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture) + "#" + imageId;

    /// <summary>The id part of a <see cref="CreatedKey"/> (the time part never contains '#').</summary>
    public static string IdOfCreatedKey(string createdKey)
    {
        var separator = createdKey.IndexOf('#', StringComparison.Ordinal);
        return separator > 0 && separator < createdKey.Length - 1
            ? createdKey[(separator + 1)..]
            : throw new FormatException("Not a creation key.");
    }

    public static string PathClaimId(string ownerId, string path) =>
        string.Create(CultureInfo.InvariantCulture, $"PATH#{ownerId.Length}#{ownerId}#{path}");

    public static string AlbumKeyOf(string ownerId, string albumId) =>
        string.Create(CultureInfo.InvariantCulture, $"{ownerId.Length}#{ownerId}#{albumId}");
}
