using System.Net.Http.Headers;
using ImageService.Api.Auth;
using ImageService.Api.Hosting;
using ImageService.Core.Images;
using ImageService.Core.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ImageService.Api.Testing;

/// <summary>The application under test: the real API with the embedded backend in a temporary data directory.
/// Settings override configuration; <see cref="WrapBlobStore"/> lets a test put a decorator in front of storage.</summary>
public sealed class ImageServiceApp : WebApplicationFactory<Program>
{
    public const string Issuer = "imageservice-tests";
    public const string Audience = "imageservice-api";
    public const string SigningKey = "test-signing-key-0123456789-0123456789-abcdef";

    private readonly Dictionary<string, string?> settings;

    public ImageServiceApp(Dictionary<string, string?>? settings = null)
    {
        DataDirectory = Directory.CreateTempSubdirectory("imageservice-api-tests-").FullName;
        this.settings = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [StorageBackendOptions.Key] = nameof(StorageBackend.Local),
            ["Storage:DataDirectory"] = DataDirectory,
            ["Auth:Issuer"] = Issuer,
            ["Auth:Audience"] = Audience,
            ["Auth:SigningKey"] = SigningKey,
            ["Paging:CursorKey"] = Convert.ToBase64String(new byte[32].Select((_, i) => (byte)i).ToArray()),
            ["Uploads:PerUserPerMinute"] = "100000",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? [])
        {
            this.settings[key] = value;
        }
    }

    public string DataDirectory { get; }

    public Func<IBlobStore, IBlobStore>? WrapBlobStore { get; init; }

    public Func<IImageMetadataStore, IImageMetadataStore>? WrapMetadataStore { get; init; }

    public Action<IServiceCollection>? ConfigureServicesForTest { get; init; }

    public string EnvironmentName { get; init; } = "Testing";

    public static AuthOptions Auth => new() { Issuer = Issuer, Audience = [Audience], SigningKey = SigningKey };

    /// <summary>A client that sends a real bearer token for <paramref name="user"/>.</summary>
    public HttpClient CreateClient(string user)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DevelopmentTokens.Create(Auth, user));
        return client;
    }

    public IImageMetadataStore Metadata => Services.GetRequiredService<IImageMetadataStore>();

    /// <summary>Every stored object's path relative to the blob root (the embedded backend's layout).</summary>
    public IReadOnlyList<string> StoredObjects()
    {
        var root = Path.Combine(DataDirectory, "blobs", "objects");
        return Directory.Exists(root)
            ? Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Select(p => Path.GetRelativePath(root, p).Replace('\\', '/')).Order().ToList()
            : [];
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureTestServices(services =>
        {
            if (WrapBlobStore is { } wrapBlobs)
            {
                Decorate(services, wrapBlobs);
            }
            if (WrapMetadataStore is { } wrapMetadata)
            {
                Decorate(services, wrapMetadata);
            }
            ConfigureServicesForTest?.Invoke(services);
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open by a late reader; the OS temp cleaner gets it.
            }
        }
    }

    private static void Decorate<T>(IServiceCollection services, Func<T, T> wrap) where T : class
    {
        var original = services.Last(d => d.ServiceType == typeof(T));
        services.Replace(ServiceDescriptor.Singleton<T>(sp => wrap((T)original.ImplementationFactory!(sp))));
    }
}
