using ImageService.Core.Jobs;
using ImageService.Storage.Local.Jobs;
using ImageService.Storage.Tests.Accounts;

namespace ImageService.Storage.Tests.Jobs;

public sealed class SqliteJobStoreTests(SqliteAccountsDirectory directory) : JobStoreContract, IClassFixture<SqliteAccountsDirectory>
{
    protected override IJobStore Store { get; } = new SqliteJobStore(directory.Options);
}
