using System.Diagnostics;
using System.Globalization;

namespace ImageService.Benchmarks.Sharp;

/// <summary>How the node side is started: the same libvips settings as our engine, passed through the environment
/// that sharp-worker.mjs reads.</summary>
/// <param name="VipsThreads">libvips threads per operation (sharp.concurrency), the same number our engine gets.</param>
/// <param name="MaxConcurrency">Most operations the benchmark keeps in flight; libuv's pool must be at least that.</param>
/// <param name="OperationCache">Whether libvips' operation cache stays on (sharp's default) or is off on both sides.</param>
internal sealed record SharpSettings(int VipsThreads, int MaxConcurrency, bool OperationCache)
{
    public static string WorkerScript => Path.Combine(AppContext.BaseDirectory, "sharp-worker.mjs");

    /// <summary>libuv's default pool of 4 would cap sharp at 4 operations in flight.</summary>
    public int ThreadPoolSize => Math.Max(4, MaxConcurrency);

    public ProcessStartInfo StartInfo(params string[] arguments)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("NODE") ?? "node")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(WorkerScript);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["BENCH_VIPS_THREADS"] = VipsThreads.ToString(CultureInfo.InvariantCulture);
        start.Environment["BENCH_VIPS_CACHE"] = OperationCache ? "1" : "0";
        start.Environment["UV_THREADPOOL_SIZE"] = ThreadPoolSize.ToString(CultureInfo.InvariantCulture);
        return start;
    }
}
