using ImageService.Core.Storage;

namespace ImageService.Api.Testing;

/// <summary>Forwards every member to <see cref="Inner"/>; a test double overrides only what it changes.</summary>
public abstract class ForwardingBlobStore(IBlobStore inner) : IBlobStore
{
    protected IBlobStore Inner { get; } = inner;

    public virtual Task PutAsync(string key, ReadOnlyMemory<byte> content, BlobWriteOptions options, CancellationToken cancellationToken = default) =>
        Inner.PutAsync(key, content, options, cancellationToken);

    public virtual Task<StoredBlob?> GetAsync(string key, CancellationToken cancellationToken = default) =>
        Inner.GetAsync(key, cancellationToken);

    public virtual Task<bool> ExistsAsync(string key, CancellationToken cancellationToken = default) =>
        Inner.ExistsAsync(key, cancellationToken);

    public virtual Task DeletePrefixAsync(string prefix, CancellationToken cancellationToken = default) =>
        Inner.DeletePrefixAsync(prefix, cancellationToken);

    public virtual Task DeleteAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default) =>
        Inner.DeleteAsync(keys, cancellationToken);

    public virtual Task<bool> IsReadyAsync(CancellationToken cancellationToken = default) =>
        Inner.IsReadyAsync(cancellationToken);
}
