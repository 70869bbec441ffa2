using ImageService.Core.Storage;
using ImageService.Storage.Aws.Accounts;
using ImageService.Storage.Tests.Aws;

namespace ImageService.Storage.Tests.Accounts;

[Collection(AwsEndpointsDefinition.Name)]
public sealed class DynamoDbPendingPurgeStoreTests(AwsEmulatorFixture fixture) : PendingPurgeStoreContract, IAsyncLifetime
{
    protected override IPendingPurgeStore Store { get; } = new DynamoDbPendingPurgeStore(fixture.Backend.DynamoDb, DynamoDbAccountsTable.OptionsFor(fixture));

    public Task InitializeAsync() => DynamoDbAccountsTable.EnsureAsync(fixture);

    public Task DisposeAsync() => Task.CompletedTask;
}
