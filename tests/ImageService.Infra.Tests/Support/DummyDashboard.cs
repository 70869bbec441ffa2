namespace ImageService.Infra.Tests.Support;

/// <summary>A stand-in for the dashboard's published wwwroot: an index page with an import map and one fingerprinted
/// framework file.</summary>
internal sealed class DummyDashboard : IDisposable
{
    public const string ImportMap = """{"imports":{"./dotnet.js":"./_framework/dotnet.abc123.js"}}""";

    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("imageservice-dashboard-").FullName;

    public DummyDashboard()
    {
        System.IO.Directory.CreateDirectory(Path.Combine(Directory, "app", "_framework"));
        File.WriteAllText(Path.Combine(Directory, "app", "index.html"),
            $"<!DOCTYPE html><html><head><base href=\"/app/\" /><script type=\"importmap\">{ImportMap}</script></head><body></body></html>");
        File.WriteAllText(Path.Combine(Directory, "app", "_framework", "dotnet.abc123.js"), "export {};");
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
    }
}
