namespace ImageService.Infra.Tests.Support;

/// <summary>A stand-in for the published Native AOT artifact: a temporary directory with a <c>bootstrap</c> that starts
/// like a linux-x64 ELF executable and a libvips file. Tests add or replace files to make broken artifacts.</summary>
internal sealed class DummyArtifact : IDisposable
{
    /// <summary>The first 20 bytes of an x86-64 ELF executable: magic, 64-bit, little-endian, version 1, ET_DYN (a PIE,
    /// as the AOT compiler links), machine 62 (x86-64).</summary>
    public static readonly byte[] ElfX64Header =
        [0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 62, 0];

    public string Directory { get; }

    public DummyArtifact()
    {
        Directory = Path.Combine(Path.GetTempPath(), "imageservice-infra-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        File.WriteAllBytes(Path.Combine(Directory, "bootstrap"), ElfX64Header);
        File.WriteAllBytes(Path.Combine(Directory, "libvips.so.42"), [0x7F, 0x45, 0x4C, 0x46]);
        // What the publish carries for the one-machine install (the dashboard at /app/), as a real publish lays it out.
        System.IO.Directory.CreateDirectory(Path.Combine(Directory, "wwwroot", "app", "_framework"));
        File.WriteAllText(Path.Combine(Directory, "wwwroot", "app", "index.html"), "<!DOCTYPE html>");
        File.WriteAllBytes(Path.Combine(Directory, "wwwroot", "app", "_framework", "dotnet.native.abc123.wasm.br"), [0x0B]);
        File.WriteAllText(Path.Combine(Directory, "bootstrap.staticwebassets.endpoints.json"), "{}");
    }

    /// <summary>A stand-in for the billing function's managed publish: the apphost, its dll and Stripe.net.</summary>
    public static DummyArtifact Billing()
    {
        var artifact = new DummyArtifact();
        File.WriteAllBytes(artifact.PathOf("bootstrap.dll"), [0x4D, 0x5A]);
        File.WriteAllBytes(artifact.PathOf("Stripe.net.dll"), [0x4D, 0x5A]);
        return artifact;
    }

    public string PathOf(string fileName) => Path.Combine(Directory, fileName);

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
