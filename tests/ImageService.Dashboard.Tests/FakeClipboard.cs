using ImageService.Dashboard.Services;

namespace ImageService.Dashboard.Tests;

/// <summary>The clipboard for the component tests: records what was copied, or refuses like a browser without
/// permission.</summary>
public sealed class FakeClipboard : IClipboard
{
    public List<string> Copied { get; } = [];

    public bool Refuse { get; set; }

    public Task<bool> CopyAsync(string text)
    {
        if (Refuse)
        {
            return Task.FromResult(false);
        }
        Copied.Add(text);
        return Task.FromResult(true);
    }
}
