using System.Runtime.InteropServices.JavaScript;
using System.Runtime.Versioning;

namespace ImageService.Dashboard.Services;

/// <summary><see cref="IBrowserStorage"/> as sessionStorage, called with [JSImport]: strings cross as they are, so
/// no JSON serialiser (and no reflection metadata) is involved, and the calls are synchronous like the storage.</summary>
[SupportedOSPlatform("browser")]
public sealed partial class BrowserStorage : IBrowserStorage
{
    string? IBrowserStorage.GetItem(string key) => GetItem(key);

    void IBrowserStorage.SetItem(string key, string value) => SetItem(key, value);

    void IBrowserStorage.RemoveItem(string key) => RemoveItem(key);

    [JSImport("globalThis.sessionStorage.getItem")]
    private static partial string? GetItem(string key);

    [JSImport("globalThis.sessionStorage.setItem")]
    private static partial void SetItem(string key, string value);

    [JSImport("globalThis.sessionStorage.removeItem")]
    private static partial void RemoveItem(string key);
}
