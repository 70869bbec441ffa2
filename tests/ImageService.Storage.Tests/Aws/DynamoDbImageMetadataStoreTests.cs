using ImageService.Core.Images;
using ImageService.Storage.Tests.Contracts;

namespace ImageService.Storage.Tests.Aws;

[Collection(AwsEndpointsDefinition.Name)]
public sealed class DynamoDbImageMetadataStoreTests(AwsEmulatorFixture fixture) : ImageMetadataStoreContract
{
    protected override IImageMetadataStore Store { get; } = fixture.Backend.CreateMetadataStore();
}
