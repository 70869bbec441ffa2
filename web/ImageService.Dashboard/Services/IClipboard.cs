namespace ImageService.Dashboard.Services;

/// <summary>The browser's asynchronous clipboard (needs a secure context: https or localhost).</summary>
public interface IClipboard
{
    /// <summary>False when the browser refused or has no clipboard: the text stays visible to copy by hand.</summary>
    Task<bool> CopyAsync(string text);
}
