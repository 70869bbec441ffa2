using ImageService.Core.Variants;
using ImageService.Storage.Local.Accounts;

namespace ImageService.Storage.Tests.Accounts;

public sealed class SqliteVariantStoreTests(SqliteAccountsDirectory directory) : VariantStoreContract, IClassFixture<SqliteAccountsDirectory>
{
    protected override IVariantStore Store { get; } = new SqliteVariantStore(directory.Options);
}
