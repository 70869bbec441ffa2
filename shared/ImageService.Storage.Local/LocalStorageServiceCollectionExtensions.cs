using ImageService.Core.Images;
using ImageService.Core.Storage;
using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ImageService.Storage.Local;

public static class LocalStorageServiceCollectionExtensions
{
    /// <summary>Registers the embedded backend (SQLite metadata, filesystem blobs, signed local uploads and large-result links) from the
    /// <c>Storage</c> configuration section as singletons behind the Core storage ports.</summary>
    public static IServiceCollection AddLocalStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<LocalStorageOptions>().BindConfiguration(LocalStorageOptions.SectionName)
            // RangeAttribute's TimeSpan form converts through reflection, which the trimmed build refuses.
            .Validate(o => o.BusyTimeout >= TimeSpan.FromMilliseconds(100) && o.BusyTimeout <= TimeSpan.FromMinutes(5),
                "Storage:BusyTimeout must be between 100 ms and 5 minutes.");
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<LocalStorageOptions>>().Value);
        services.AddSingleton<IImageMetadataStore>(sp => new SqliteImageMetadataStore(sp.GetRequiredService<LocalStorageOptions>()));
        services.AddSingleton<IBlobStore>(sp => new FileSystemBlobStore(sp.GetRequiredService<LocalStorageOptions>()));
        services.AddSingleton(sp => new LocalUploadPresigner(
            sp.GetRequiredService<LocalStorageOptions>(), sp.GetService<TimeProvider>() ?? TimeProvider.System));
        services.AddSingleton<IUploadPresigner>(sp => sp.GetRequiredService<LocalUploadPresigner>());
        services.AddSingleton<ICdnInvalidator, NoCdnInvalidator>();
        services.AddSingleton(sp => new LocalLargeResultLinks(LargeResultLinkKey(sp.GetRequiredService<LocalStorageOptions>()),
            sp.GetService<TimeProvider>() ?? TimeProvider.System));
        services.AddSingleton<ILargeResultLinks>(sp => sp.GetRequiredService<LocalLargeResultLinks>());
        return services;
    }

    private static byte[] LargeResultLinkKey(LocalStorageOptions options) => string.IsNullOrEmpty(options.LargeResultLinkKey)
        ? RandomNumberGenerator.GetBytes(32)
        : Convert.FromBase64String(options.LargeResultLinkKey);
}
