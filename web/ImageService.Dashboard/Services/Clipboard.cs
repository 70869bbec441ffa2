using Microsoft.JSInterop;

namespace ImageService.Dashboard.Services;

/// <summary>The browser's asynchronous clipboard (needs a secure context: https or localhost).</summary>
public sealed class Clipboard(IJSRuntime js)
{
    public async Task<bool> CopyAsync(string text)
    {
        try
        {
            await js.InvokeVoidAsync("navigator.clipboard.writeText", text);
            return true;
        }
        catch (JSException)
        {
            return false; // denied or unavailable: the text stays visible to copy by hand
        }
    }
}
