using System.Diagnostics;
using ImageService.Core.Imaging;

namespace ImageService.Benchmarks.Harness;

/// <summary>
/// Our side of a throughput measurement, shaped like sharp-worker.mjs's <c>run</c>: <c>concurrency</c> threads keep
/// one operation each in flight (the engine is synchronous and CPU-bound, so a thread per operation is what a server
/// does with it) until the duration has passed and each has done <c>minOps</c>; the clock stops when the last
/// operation finishes.
/// </summary>
/// <remarks>
/// The threads live as long as this object, like libuv's pool on sharp's side and the thread pool in the service:
/// a fresh thread per round would pay for a new malloc arena and cold caches inside the timed region.
/// </remarks>
internal sealed class ThroughputLoop : IDisposable
{
    private readonly List<Worker> _workers = [];

    public Measurement Run(
        IReadOnlyList<byte[]> inputs, Func<ReadOnlyMemory<byte>, RenderedImage> operation, int concurrency, TimeSpan duration, int minOps)
    {
        while (_workers.Count < concurrency)
        {
            _workers.Add(new Worker(_workers.Count));
        }

        var next = -1;
        var ops = 0;
        long outputBytes = 0;
        int width = 0, height = 0;
        var clock = new Stopwatch();

        void Loop()
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

        using var done = new CountdownEvent(concurrency);
        var failures = new List<Exception>();
        var cpuBefore = Environment.CpuUsage.TotalTime;
        clock.Start();
        foreach (var worker in _workers.Take(concurrency))
        {
            worker.Start(Loop, done, failures);
        }

        done.Wait();
        clock.Stop();
        var cpu = Environment.CpuUsage.TotalTime - cpuBefore;
        if (failures.Count > 0)
        {
            throw new AggregateException("the engine failed during the benchmark", failures);
        }

        return new Measurement(ops, clock.Elapsed.TotalSeconds, cpu.TotalSeconds, outputBytes, width, height);
    }

    public void Dispose()
    {
        foreach (var worker in _workers)
        {
            worker.Dispose();
        }
    }

    /// <summary>One long-lived thread that runs a job each time it is started.</summary>
    private sealed class Worker : IDisposable
    {
        private readonly SemaphoreSlim _go = new(0);
        private readonly Thread _thread;
        private Action? _job;
        private CountdownEvent? _done;
        private List<Exception>? _failures;
        private bool _stopping;

        public Worker(int index)
        {
            _thread = new Thread(Serve) { Name = $"bench-{index}", IsBackground = true };
            _thread.Start();
        }

        public void Start(Action job, CountdownEvent done, List<Exception> failures)
        {
            (_job, _done, _failures) = (job, done, failures);
            _go.Release();
        }

        public void Dispose()
        {
            _stopping = true;
            _go.Release();
            _thread.Join();
            _go.Dispose();
        }

        private void Serve()
        {
            while (true)
            {
                _go.Wait();
                if (_stopping)
                {
                    return;
                }

                try
                {
                    _job!();
                }
                catch (Exception e)
                {
                    lock (_failures!)
                    {
                        _failures.Add(e);
                    }
                }
                finally
                {
                    _done!.Signal();
                }
            }
        }
    }
}
