using ImageService.Core.Variants;
using ImageService.Storage.Aws.Accounts;
using ImageService.Storage.Tests.Aws;

namespace ImageService.Storage.Tests.Accounts;

[Collection(AwsEndpointsDefinition.Name)]
public sealed class DynamoDbVariantStoreTests(AwsEmulatorFixture fixture) : VariantStoreContract, IAsyncLifetime
{
    protected override IVariantStore Store { get; } = new DynamoDbVariantStore(fixture.Backend.DynamoDb, DynamoDbAccountsTable.OptionsFor(fixture));

    public Task InitializeAsync() => DynamoDbAccountsTable.EnsureAsync(fixture);

    public Task DisposeAsync() => Task.CompletedTask;
}
