namespace ImageService.Benchmarks.Harness;

/// <summary>Where the benchmark photos are: --photos, else $BENCH_PHOTOS, else .photos at the repository root
/// (vs-sharp.sh fetches them there).</summary>
internal static class PhotoDirectory
{
    public static string Resolve(string? explicitPath)
    {
        var path = explicitPath ?? Environment.GetEnvironmentVariable("BENCH_PHOTOS") ?? Path.Combine(RepositoryRoot(), ".photos");
        if (!File.Exists(Path.Combine(path, ".complete")))
        {
            throw new Commands.BenchmarkUsageException(
                $"no photos in {path}; run tests/ImageService.Benchmarks/vs-sharp.sh (it fetches them) or pass --photos DIR");
        }

        return Path.GetFullPath(path);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ImageService.sln")))
            {
                return dir.FullName;
            }
        }

        return Environment.CurrentDirectory;
    }
}
