namespace ImageService.Lambda.Tests;

/// <summary>The JSON event fixtures under Events/.</summary>
internal static class Events
{
    public static string Load(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Events", name));
}
