using ImageService.Core.Usage;
using ImageService.Storage.Local.Accounts;

namespace ImageService.Storage.Tests.Accounts;

public sealed class SqliteRateLimitStoreTests(SqliteAccountsDirectory directory) : RateLimitStoreContract, IClassFixture<SqliteAccountsDirectory>
{
    protected override IRateLimitStore Store { get; } = new SqliteRateLimitStore(directory.Options);
}
