using ImageService.Storage.Aws.Accounts;
using ImageService.Storage.Tests.Aws;

namespace ImageService.Storage.Tests.Accounts;

/// <summary>The accounts table beside the shared fixture's image table (same unique suffix, so runs never share it).</summary>
internal static class DynamoDbAccountsTable
{
    public static DynamoDbAccountsOptions OptionsFor(AwsEmulatorFixture fixture) =>
        new() { TableName = fixture.Backend.AccountsTableName };

    public static Task EnsureAsync(AwsEmulatorFixture fixture) =>
        new DynamoDbAccountsProvisioner(fixture.Backend.DynamoDb, OptionsFor(fixture)).EnsureTableAsync();
}
