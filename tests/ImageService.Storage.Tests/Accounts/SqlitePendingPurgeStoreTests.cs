using ImageService.Core.Storage;
using ImageService.Storage.Local.Accounts;

namespace ImageService.Storage.Tests.Accounts;

public sealed class SqlitePendingPurgeStoreTests(SqliteAccountsDirectory directory) : PendingPurgeStoreContract, IClassFixture<SqliteAccountsDirectory>
{
    protected override IPendingPurgeStore Store { get; } = new SqlitePendingPurgeStore(directory.Options);
}
