using ImageService.Benchmarks.Harness;
using ImageService.Benchmarks.Rows;
using ImageService.Benchmarks.Sharp;

namespace ImageService.Benchmarks.Peers;

/// <summary>sharp in its node worker; it reads the row's files itself (into memory, before timing).</summary>
internal sealed class SharpSide(SharpWorker worker, SharpSettings settings, string photos) : IComparedSide
{
    public string Name => "sharp";

    public string Description =>
        $"{worker.Version}; operation cache {(settings.OperationCache ? "on" : "off")}; UV_THREADPOOL_SIZE={settings.ThreadPoolSize}";

    public Measurement Run(PhotoRow row, IReadOnlyList<byte[]> inputs, int concurrency, TimeSpan duration, int minOps) =>
        worker.Run(row.ToSharp(photos), concurrency, duration, minOps);
}
