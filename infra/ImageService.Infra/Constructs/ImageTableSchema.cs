namespace ImageService.Infra.Constructs;

/// <summary>
/// Key names of the metadata table, as the AWS backend reads and writes them
/// (shared/ImageService.Storage.Aws/ImageTable.cs); the stack only declares them. Both indexes are sparse (the
/// backend writes their keys only for Ready images) and project all attributes, so a listing is one Query.
/// </summary>
public static class ImageTableSchema
{
    public const string PartitionKey = "Id";

    /// <summary>An owner's images, newest first.</summary>
    public const string UserIndex = "UserIndex";
    public const string UserIndexPartitionKey = "ListOwner";

    /// <summary>An album's images, newest first.</summary>
    public const string AlbumIndex = "AlbumIndex";
    public const string AlbumIndexPartitionKey = "AlbumKey";

    /// <summary>Sort key of both indexes: creation time, then id.</summary>
    public const string CreatedKey = "CreatedKey";
}
