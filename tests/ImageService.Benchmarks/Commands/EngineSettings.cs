using ImageService.Benchmarks.Harness;

namespace ImageService.Benchmarks.Commands;

/// <summary>Options every image benchmark shares: where the photos are and how libvips is configured — on our side
/// and, in vs-sharp, identically on sharp's.</summary>
/// <param name="VipsThreads">libvips threads per operation. Default 1: sharp's own default on glibc Linux without
/// jemalloc (this machine), and what a server that runs one operation per core wants.</param>
/// <param name="OperationCache">libvips' operation cache. Off by default on both sides: every request brings new
/// bytes, so the cache can only hold memory, and a hit on repeated input would measure the cache, not the work.</param>
internal sealed record EngineSettings(string Photos, int VipsThreads, bool OperationCache)
{
    public const string Usage = "[--photos DIR] [--vips-threads 1] [--cache off|on]";

    public static EngineSettings From(BenchmarkArguments arguments)
    {
        var cache = arguments.Text("cache", "off");
        if (cache is not ("on" or "off"))
        {
            throw new BenchmarkUsageException("--cache must be on or off");
        }

        var threads = arguments.Integer("vips-threads", 1);
        if (threads < 1)
        {
            throw new BenchmarkUsageException("--vips-threads must be at least 1");
        }

        return new EngineSettings(PhotoDirectory.Resolve(arguments.Text("photos")), threads, cache == "on");
    }

    public string[] ToArguments() =>
        ["--photos", Photos, "--vips-threads", VipsThreads.ToString(System.Globalization.CultureInfo.InvariantCulture), "--cache", OperationCache ? "on" : "off"];
}
