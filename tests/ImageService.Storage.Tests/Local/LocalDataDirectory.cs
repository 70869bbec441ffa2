using ImageService.Storage.Local;

namespace ImageService.Storage.Tests.Local;

/// <summary>A fresh embedded-backend data directory per test class, removed afterwards.</summary>
public sealed class LocalDataDirectory : IDisposable
{
    public LocalStorageOptions Options { get; } =
        new() { DataDirectory = Directory.CreateTempSubdirectory("imageservice-local-").FullName };

    public void Dispose() => Directory.Delete(Options.DataDirectory, recursive: true);
}
