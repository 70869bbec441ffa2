using ImageService.Storage.Local;

namespace ImageService.Storage.Tests.Accounts;

/// <summary>A fresh data directory per test class, removed afterwards.</summary>
public sealed class SqliteAccountsDirectory : IDisposable
{
    public LocalStorageOptions Options { get; } =
        new() { DataDirectory = Directory.CreateTempSubdirectory("imageservice-accounts-").FullName };

    public void Dispose() => Directory.Delete(Options.DataDirectory, recursive: true);
}
