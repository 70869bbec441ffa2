using ImageService.Core.Accounts;
using ImageService.Core.Billing;
using ImageService.Storage.Local.Accounts;

namespace ImageService.Storage.Tests.Accounts;

public sealed class SqliteBillingStoreTests(SqliteAccountsDirectory directory) : BillingStoreContract, IClassFixture<SqliteAccountsDirectory>
{
    protected override IBillingStore Store { get; } = new SqliteBillingStore(directory.Options);

    protected override IAccountStore Accounts { get; } = new SqliteAccountStore(directory.Options);
}
