using ImageService.Core.Storage;
using ImageService.Storage.Local;
using ImageService.Storage.Tests.Contracts;

namespace ImageService.Storage.Tests.Local;

public sealed class FileSystemBlobStoreTests(LocalDataDirectory directory) : BlobStoreContract, IClassFixture<LocalDataDirectory>
{
    protected override IBlobStore Store { get; } = new FileSystemBlobStore(directory.Options);
}
