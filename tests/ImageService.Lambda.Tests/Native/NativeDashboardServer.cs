namespace ImageService.Lambda.Tests.Native;

/// <summary>The published artifact on Kestrel in Production with a temp data directory.</summary>
public sealed class NativeDashboardServer : IAsyncLifetime
{
    private readonly string _workingDirectory = Directory.CreateTempSubdirectory("imageservice-native-kestrel-").FullName;

    internal NativeKestrelServer Kestrel { get; private set; } = default!;

    /// <summary>The publish folder's wwwroot/app.</summary>
    public string WebRoot { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var artifact = await NativeArtifact.PublishOrReuseAsync();
        WebRoot = Path.Combine(artifact, "wwwroot", "app");
        Kestrel = await NativeKestrelServer.StartAsync(Path.Combine(artifact, "bootstrap"), _workingDirectory, new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Storage__DataDirectory"] = Path.Combine(_workingDirectory, "data"),
        });
    }

    public async Task DisposeAsync()
    {
        if (Kestrel is not null)
        {
            await Kestrel.DisposeAsync();
        }
        try
        {
            Directory.Delete(_workingDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
    }
}
