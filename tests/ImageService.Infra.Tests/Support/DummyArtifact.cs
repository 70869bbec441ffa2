namespace ImageService.Infra.Tests.Support;

/// <summary>A stand-in for the published Lambda artifact: a temporary directory with a <c>bootstrap</c> file.</summary>
internal sealed class DummyArtifact : IDisposable
{
    public string Directory { get; }

    public DummyArtifact()
    {
        Directory = Path.Combine(Path.GetTempPath(), "imageservice-infra-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        File.WriteAllText(Path.Combine(Directory, "bootstrap"), "#!/bin/sh\nexit 0\n");
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless; never fail a test run over it.
        }
    }
}
