using System.Runtime.InteropServices.JavaScript;
using System.Runtime.Versioning;

namespace ImageService.Dashboard.Services;

/// <summary><see cref="IClipboard"/> as <c>navigator.clipboard.writeText</c>, called with [JSImport].</summary>
[SupportedOSPlatform("browser")]
public sealed partial class BrowserClipboard : IClipboard
{
    public async Task<bool> CopyAsync(string text)
    {
        try
        {
            await WriteText(text);
            return true;
        }
        catch (JSException)
        {
            return false; // denied, or no navigator.clipboard outside a secure context
        }
    }

    [JSImport("globalThis.navigator.clipboard.writeText")]
    private static partial Task WriteText(string text);
}
