using ImageService.Core.Usage;
using ImageService.Storage.Local.Accounts;
using ImageService.Storage.Local.Jobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ImageService.Storage.Local;

public static class LocalBackendServiceCollectionExtensions
{
    /// <summary>
    /// The embedded backend's one registration: every Core port it implements (images, blobs, uploads, large-result
    /// links, CDN, accounts, usage, rate limits, jobs and their queue) and how it wants usage written. Its HTTP endpoints are mapped with
    /// <see cref="LocalStorageEndpoints.MapLocalStorageEndpoints"/>.
    /// </summary>
    public static IServiceCollection AddLocalBackend(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddLocalStorage(configuration).AddLocalAccountStores().AddLocalJobs();
        // A long-running process: a burst of deliveries costs one SQLite write per account, not one each.
        services.AddSingleton(new UsageWritePolicy(Coalesce: true));
        return services;
    }
}
