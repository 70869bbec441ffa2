using ImageService.Core.Usage;
using ImageService.Storage.Local.Accounts;

namespace ImageService.Storage.Tests.Accounts;

public sealed class SqliteUsageStoreTests(SqliteAccountsDirectory directory) : UsageStoreContract, IClassFixture<SqliteAccountsDirectory>
{
    protected override IUsageStore Store { get; } = new SqliteUsageStore(directory.Options);
}
