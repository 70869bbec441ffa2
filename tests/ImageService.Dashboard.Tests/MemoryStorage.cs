using ImageService.Dashboard.Services;

namespace ImageService.Dashboard.Tests;

/// <summary>sessionStorage for the component tests: a dictionary the tests read and prefill.</summary>
public sealed class MemoryStorage : IBrowserStorage
{
    public Dictionary<string, string> Items { get; } = new(StringComparer.Ordinal);

    public string? GetItem(string key) => Items.GetValueOrDefault(key);

    public void SetItem(string key, string value) => Items[key] = value;

    public void RemoveItem(string key) => Items.Remove(key);
}
