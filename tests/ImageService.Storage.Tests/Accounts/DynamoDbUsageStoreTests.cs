using ImageService.Core.Usage;
using ImageService.Storage.Aws.Accounts;
using ImageService.Storage.Tests.Aws;

namespace ImageService.Storage.Tests.Accounts;

[Collection(AwsEndpointsDefinition.Name)]
public sealed class DynamoDbUsageStoreTests(AwsEmulatorFixture fixture) : UsageStoreContract, IAsyncLifetime
{
    protected override IUsageStore Store { get; } = new DynamoDbUsageStore(fixture.Backend.DynamoDb, DynamoDbAccountsTable.OptionsFor(fixture));

    public Task InitializeAsync() => DynamoDbAccountsTable.EnsureAsync(fixture);

    public Task DisposeAsync() => Task.CompletedTask;
}
