namespace ImageService.Storage.Tests.Aws;

[CollectionDefinition(Name)]
public sealed class AwsEndpointsDefinition : ICollectionFixture<AwsEmulatorFixture>
{
    public const string Name = "AWS endpoints";
}
