using ImageService.Core.Accounts;
using ImageService.Core.Billing;
using ImageService.Storage.Aws.Accounts;
using ImageService.Storage.Tests.Aws;

namespace ImageService.Storage.Tests.Accounts;

[Collection(AwsEndpointsDefinition.Name)]
public sealed class DynamoDbBillingStoreTests(AwsEmulatorFixture fixture) : BillingStoreContract, IAsyncLifetime
{
    protected override IBillingStore Store { get; } = new DynamoDbBillingStore(fixture.Backend.DynamoDb, DynamoDbAccountsTable.OptionsFor(fixture));

    protected override IAccountStore Accounts { get; } = new DynamoDbAccountStore(fixture.Backend.DynamoDb, DynamoDbAccountsTable.OptionsFor(fixture));

    public Task InitializeAsync() => DynamoDbAccountsTable.EnsureAsync(fixture);

    public Task DisposeAsync() => Task.CompletedTask;
}
