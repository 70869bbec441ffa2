using ImageService.Core.Accounts;
using ImageService.Core.Storage;
using ImageService.Core.Usage;
using ImageService.Core.Variants;
using Microsoft.Extensions.DependencyInjection;

namespace ImageService.Storage.Local.Accounts;

public static class LocalAccountsServiceCollectionExtensions
{
    /// <summary>Registers the embedded account, usage, rate-limit, variant and pending-purge stores (<c>&lt;DataDirectory&gt;/accounts.db</c>) as
    /// singletons. Needs <see cref="LocalStorageOptions"/> registered, which <c>AddLocalStorage</c> does.</summary>
    public static IServiceCollection AddLocalAccountStores(this IServiceCollection services)
    {
        // One database object for the stores, so their writes queue on one in-process gate (AccountsDatabase).
        services.AddSingleton(sp => new AccountsDatabase(sp.GetRequiredService<LocalStorageOptions>()));
        services.AddSingleton<IAccountStore>(sp => new SqliteAccountStore(sp.GetRequiredService<AccountsDatabase>()));
        services.AddSingleton<IUsageStore>(sp => new SqliteUsageStore(sp.GetRequiredService<AccountsDatabase>()));
        services.AddSingleton<IRateLimitStore>(sp => new SqliteRateLimitStore(sp.GetRequiredService<AccountsDatabase>()));
        services.AddSingleton<IPendingPurgeStore>(sp => new SqlitePendingPurgeStore(sp.GetRequiredService<AccountsDatabase>()));
        services.AddSingleton<IVariantStore>(sp => new SqliteVariantStore(sp.GetRequiredService<AccountsDatabase>()));
        return services;
    }
}
