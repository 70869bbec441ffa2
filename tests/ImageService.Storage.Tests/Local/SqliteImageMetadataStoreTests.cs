using ImageService.Core.Images;
using ImageService.Storage.Local;
using ImageService.Storage.Tests.Contracts;

namespace ImageService.Storage.Tests.Local;

public sealed class SqliteImageMetadataStoreTests(LocalDataDirectory directory) : ImageMetadataStoreContract, IClassFixture<LocalDataDirectory>
{
    protected override IImageMetadataStore Store { get; } = new SqliteImageMetadataStore(directory.Options);
}
