using ImageService.Core.CdnLogs;
using ImageService.Core.Usage;
using ImageService.Storage.Local.Accounts;

namespace ImageService.Storage.Tests.Accounts;

public sealed class SqliteCdnLogLedgerTests(SqliteAccountsDirectory directory) : CdnLogLedgerContract, IClassFixture<SqliteAccountsDirectory>
{
    protected override ICdnLogLedger Ledger { get; } = new SqliteCdnLogLedger(directory.Options);

    protected override IUsageStore Usage { get; } = new SqliteUsageStore(directory.Options);
}
