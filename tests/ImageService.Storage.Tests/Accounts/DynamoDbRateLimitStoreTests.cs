using ImageService.Core.Usage;
using ImageService.Storage.Aws.Accounts;
using ImageService.Storage.Tests.Aws;

namespace ImageService.Storage.Tests.Accounts;

[Collection(AwsEndpointsDefinition.Name)]
public sealed class DynamoDbRateLimitStoreTests(AwsEmulatorFixture fixture) : RateLimitStoreContract, IAsyncLifetime
{
    protected override IRateLimitStore Store { get; } = new DynamoDbRateLimitStore(fixture.Backend.DynamoDb, DynamoDbAccountsTable.OptionsFor(fixture));

    public Task InitializeAsync() => DynamoDbAccountsTable.EnsureAsync(fixture);

    public Task DisposeAsync() => Task.CompletedTask;
}
