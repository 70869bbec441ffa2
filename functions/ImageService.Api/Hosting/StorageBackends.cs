using ImageService.Storage.Aws;
using ImageService.Storage.Local;

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
            null or "" or "LOCAL" => services.AddLocalStorage(configuration),
            "AWS" => services.AddAwsStorage(configuration),
            _ => throw new InvalidOperationException($"Storage:Backend '{backend}' is not supported; use Local or Aws."),
        };
    }
}
