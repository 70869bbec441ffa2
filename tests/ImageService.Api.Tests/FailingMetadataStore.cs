using ImageService.Core.Images;
using ImageService.Core.Storage;

namespace ImageService.Api.Tests;

/// <summary>A metadata store whose writes (create and update) fail; reads pass through.</summary>
public sealed class FailingMetadataStore(IImageMetadataStore inner, Exception? failure = null) : IImageMetadataStore
{
    private Exception Failure => failure ?? new StorageUnavailableException("Simulated metadata outage.");

    public Task CreateAsync(ImageRecord record, CancellationToken cancellationToken = default) => throw Failure;
    public Task UpdateAsync(ImageRecord updated, long expectedVersion, CancellationToken cancellationToken = default) => throw Failure;
    public Task<ImageRecord?> GetAsync(string ownerId, string imageId, CancellationToken cancellationToken = default) => inner.GetAsync(ownerId, imageId, cancellationToken);
    public Task<ImageRecord?> FindByPathAsync(string ownerId, string path, CancellationToken cancellationToken = default) => inner.FindByPathAsync(ownerId, path, cancellationToken);
    public Task<ImagePage> ListAsync(ImageQuery query, CancellationToken cancellationToken = default) => inner.ListAsync(query, cancellationToken);
    public Task<bool> DeleteAsync(string ownerId, string imageId, CancellationToken cancellationToken = default) => inner.DeleteAsync(ownerId, imageId, cancellationToken);
    public Task<bool> IsReadyAsync(CancellationToken cancellationToken = default) => inner.IsReadyAsync(cancellationToken);
}
