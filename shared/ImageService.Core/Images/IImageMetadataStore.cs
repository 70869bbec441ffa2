namespace ImageService.Core.Images;

/// <summary>
/// Image metadata port, implemented by the embedded (SQLite) and AWS (DynamoDB) backends with the same
/// observable behaviour (one contract test suite runs against both).
/// </summary>
public interface IImageMetadataStore
{
    /// <summary>Inserts a new record. Throws <see cref="Storage.ConflictException"/> when the id exists or when another
    /// of the owner's images holds its <see cref="ImageRecord.Path"/> (nothing is written then).</summary>
    Task CreateAsync(ImageRecord record, CancellationToken cancellationToken = default);

    /// <summary>The owner's record, or null when absent or owned by someone else (callers answer 404 either way).</summary>
    Task<ImageRecord?> GetAsync(string ownerId, string imageId, CancellationToken cancellationToken = default);

    /// <summary>The owner's image whose <see cref="ImageRecord.Path"/> is <paramref name="path"/> (any status), or null.</summary>
    Task<ImageRecord?> FindByPathAsync(string ownerId, string path, CancellationToken cancellationToken = default);

    /// <summary>The owner's Ready images, newest first (CreatedAt, then Id, descending), filtered by album and/or tag;
    /// a tag filter still returns full pages.</summary>
    Task<ImagePage> ListAsync(ImageQuery query, CancellationToken cancellationToken = default);

    /// <summary>Replaces the record if its stored Version equals <paramref name="expectedVersion"/>; the new record
    /// carries the new version. A changed <see cref="ImageRecord.Path"/> is claimed and the old one released in the same
    /// atomic write. Throws <see cref="Storage.PreconditionFailedException"/> on a version mismatch,
    /// <see cref="Storage.ConflictException"/> when another of the owner's images holds the new path (nothing is
    /// written), and <see cref="Storage.NotFoundException"/> when the record is absent.</summary>
    Task UpdateAsync(ImageRecord updated, long expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>Removes the owner's record (releasing its path); false when there was none (idempotent).</summary>
    Task<bool> DeleteAsync(string ownerId, string imageId, CancellationToken cancellationToken = default);

    /// <summary>Readiness probe for GET /health: true when the store answers.</summary>
    Task<bool> IsReadyAsync(CancellationToken cancellationToken = default);
}
