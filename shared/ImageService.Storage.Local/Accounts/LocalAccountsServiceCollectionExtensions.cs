using ImageService.Core.Accounts;
using ImageService.Core.Usage;
using Microsoft.Extensions.DependencyInjection;

namespace ImageService.Storage.Local.Accounts;

public static class LocalAccountsServiceCollectionExtensions
{
    /// <summary>Registers the embedded account, usage and rate-limit stores (<c>&lt;DataDirectory&gt;/accounts.db</c>) as
    /// singletons. Needs <see cref="LocalStorageOptions"/> registered, which <c>AddLocalStorage</c> does.</summary>
    public static IServiceCollection AddLocalAccountStores(this IServiceCollection services)
    {
        services.AddSingleton<IAccountStore>(sp => new SqliteAccountStore(sp.GetRequiredService<LocalStorageOptions>()));
        services.AddSingleton<IUsageStore>(sp => new SqliteUsageStore(sp.GetRequiredService<LocalStorageOptions>()));
        services.AddSingleton<IRateLimitStore>(sp => new SqliteRateLimitStore(sp.GetRequiredService<LocalStorageOptions>()));
        return services;
    }
}
