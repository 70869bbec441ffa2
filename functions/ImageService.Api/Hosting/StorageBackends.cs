using ImageService.Storage.Aws;
using ImageService.Storage.Aws.Accounts;
using ImageService.Storage.Local;
using ImageService.Storage.Local.Accounts;

namespace ImageService.Api.Hosting;

/// <summary>Chooses the storage backend from <c>Storage:Backend</c> (Local by default). Every backend registers the
/// same Core ports: IImageMetadataStore, IBlobStore, IUploadPresigner.</summary>
public static class StorageBackends
{
    public static IServiceCollection AddStorageBackend(this IServiceCollection services, IConfiguration configuration)
    {
        var backend = configuration["Storage:Backend"];
        return backend?.ToUpperInvariant() switch
        {
            null or "" or "LOCAL" => services.AddLocalStorage(configuration).AddLocalAccountStores(),
            "AWS" => services.AddAwsStorage(configuration).AddAwsAccountStores(configuration),
            _ => throw new InvalidOperationException($"Storage:Backend '{backend}' is not supported; use Local or Aws."),
        };
    }
}
