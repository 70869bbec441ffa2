using ImageService.Core.Images;
using ImageService.Core.Storage;

namespace ImageService.Api.Tests;

/// <summary>A metadata store whose writes (create and update) fail; everything else passes through.</summary>
public sealed class FailingMetadataStore(IImageMetadataStore inner, Exception? failure = null) : ForwardingImageMetadataStore(inner)
{
    private Exception Failure => failure ?? new StorageUnavailableException("Simulated metadata outage.");

    public override Task CreateAsync(ImageRecord record, CancellationToken cancellationToken = default) => throw Failure;

    public override Task UpdateAsync(ImageRecord updated, long expectedVersion, CancellationToken cancellationToken = default) => throw Failure;
}
