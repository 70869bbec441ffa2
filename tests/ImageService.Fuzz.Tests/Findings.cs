namespace ImageService.Fuzz.Tests;

/// <summary>Inputs that broke something: written out when a run fails (FUZZ_FINDINGS, default a temp folder) so they
/// can be committed under <c>Corpus/{target}/</c>, where every later run replays them.</summary>
internal static class Findings
{
    public static string Keep(string target, int iteration, byte[] input)
    {
        var folder = Environment.GetEnvironmentVariable("FUZZ_FINDINGS") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Path.GetTempPath(), "imageservice-fuzz-findings");
        var path = Path.Combine(Directory.CreateDirectory(Path.Combine(folder, target)).FullName, $"{iteration}.bin");
        File.WriteAllBytes(path, input);
        return path;
    }

    public static IEnumerable<string> Corpus(string target)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Corpus", target);
        return Directory.Exists(folder) ? Directory.EnumerateFiles(folder).Order() : [];
    }
}
