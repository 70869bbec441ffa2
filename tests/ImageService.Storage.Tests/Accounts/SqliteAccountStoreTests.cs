using ImageService.Core.Accounts;
using ImageService.Storage.Local.Accounts;

namespace ImageService.Storage.Tests.Accounts;

public sealed class SqliteAccountStoreTests(SqliteAccountsDirectory directory) : AccountStoreContract, IClassFixture<SqliteAccountsDirectory>
{
    protected override IAccountStore Store { get; } = new SqliteAccountStore(directory.Options);
}
