using System.Diagnostics;
using ImageService.Core.Imaging;

namespace ImageService.Benchmarks.Harness;

/// <summary>
/// Our side of a throughput measurement, shaped like sharp-worker.mjs's <c>run</c>: <c>concurrency</c> dedicated
/// threads keep one operation each in flight (the engine is synchronous and CPU-bound, so a thread per operation is
/// what a server does with it) until the duration has passed and each has done <c>minOps</c>; the clock stops when
/// the last operation finishes.
/// </summary>
internal static class ThroughputLoop
{
    public static Measurement Run(
        IReadOnlyList<byte[]> inputs, Func<ReadOnlyMemory<byte>, RenderedImage> operation, int concurrency, TimeSpan duration, int minOps)
    {
        var next = -1;
        var ops = 0;
        long outputBytes = 0;
        int width = 0, height = 0;
        using var start = new ManualResetEventSlim();
        var clock = new Stopwatch();
        var failures = new List<Exception>();

        void Loop()
        {
            start.Wait();
            try
            {
                for (var mine = 0; mine < minOps || clock.Elapsed < duration; mine++)
                {
                    var input = inputs[(int)((uint)Interlocked.Increment(ref next) % (uint)inputs.Count)];
                    var rendered = operation(input);
                    Interlocked.Increment(ref ops);
                    Interlocked.Add(ref outputBytes, rendered.Bytes.Length);
                    width = rendered.Width;
                    height = rendered.Height;
                }
            }
            catch (Exception e)
            {
                lock (failures)
                {
                    failures.Add(e);
                }
            }
        }

        var threads = Enumerable.Range(0, concurrency).Select(i => new Thread(Loop) { Name = $"bench-{i}", IsBackground = true }).ToList();
        threads.ForEach(t => t.Start());
        var cpuBefore = Environment.CpuUsage.TotalTime;
        clock.Start();
        start.Set();
        threads.ForEach(t => t.Join());
        clock.Stop();
        var cpu = Environment.CpuUsage.TotalTime - cpuBefore;
        if (failures.Count > 0)
        {
            throw new AggregateException("the engine failed during the benchmark", failures);
        }

        return new Measurement(ops, clock.Elapsed.TotalSeconds, cpu.TotalSeconds, outputBytes, width, height);
    }
}
