using ImageService.Core.Images;

namespace ImageService.Api.Testing;

/// <summary>Forwards every member to <see cref="Inner"/>; a test double overrides only what it changes (a failing
/// write, an unready probe), so a member added to the port needs one line here instead of one per double.</summary>
public abstract class ForwardingImageMetadataStore(IImageMetadataStore inner) : IImageMetadataStore
{
    protected IImageMetadataStore Inner { get; } = inner;

    public virtual Task CreateAsync(ImageRecord record, CancellationToken cancellationToken = default) =>
        Inner.CreateAsync(record, cancellationToken);

    public virtual Task<ImageRecord?> GetAsync(string ownerId, string imageId, CancellationToken cancellationToken = default) =>
        Inner.GetAsync(ownerId, imageId, cancellationToken);

    public virtual Task<ImageRecord?> FindByPathAsync(string ownerId, string path, CancellationToken cancellationToken = default) =>
        Inner.FindByPathAsync(ownerId, path, cancellationToken);

    public virtual Task<ImagePage> ListAsync(ImageQuery query, CancellationToken cancellationToken = default) =>
        Inner.ListAsync(query, cancellationToken);

    public virtual Task UpdateAsync(ImageRecord updated, long expectedVersion, CancellationToken cancellationToken = default) =>
        Inner.UpdateAsync(updated, expectedVersion, cancellationToken);

    public virtual Task<bool> DeleteAsync(string ownerId, string imageId, CancellationToken cancellationToken = default) =>
        Inner.DeleteAsync(ownerId, imageId, cancellationToken);

    public virtual Task<bool> IsReadyAsync(CancellationToken cancellationToken = default) =>
        Inner.IsReadyAsync(cancellationToken);
}
