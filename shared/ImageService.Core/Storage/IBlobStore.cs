namespace ImageService.Core.Storage;

/// <summary>
/// Object storage port (filesystem for the embedded backend, S3 for AWS). Keys come from <see cref="BlobKeys"/>;
/// implementations reject keys that could escape their root.
/// </summary>
public interface IBlobStore
{
    /// <summary>Writes the whole object atomically: readers see the old object or the new one, never a part.</summary>
    Task PutAsync(string key, ReadOnlyMemory<byte> content, BlobWriteOptions options, CancellationToken cancellationToken = default);

    /// <summary>The object, or null when absent. The caller disposes the returned stream.</summary>
    Task<StoredBlob?> GetAsync(string key, CancellationToken cancellationToken = default);

    Task<bool> ExistsAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Deletes every object whose key starts with <paramref name="prefix"/>; idempotent.</summary>
    Task DeletePrefixAsync(string prefix, CancellationToken cancellationToken = default);

    /// <summary>Deletes the given objects; absent keys are ignored.</summary>
    Task DeleteAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default);

    /// <summary>Readiness probe for GET /health.</summary>
    Task<bool> IsReadyAsync(CancellationToken cancellationToken = default);
}
