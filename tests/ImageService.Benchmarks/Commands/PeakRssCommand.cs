using System.Globalization;
using ImageService.Benchmarks.Harness;
using ImageService.Benchmarks.Rows;

namespace ImageService.Benchmarks.Commands;

/// <summary>
/// <c>rss --row ID</c>: runs one row in this (fresh) process at each concurrency and prints <c>{"peakRssKb":N}</c>,
/// the process's VmHWM at the end (<c>--ops 0</c>: the baseline of a process that has only loaded the engine and
/// read the inputs). vs-sharp starts it a few times per large row; sharp-worker.mjs has the same mode.
/// </summary>
internal sealed class PeakRssCommand : IBenchmarkCommand
{
    public string Name => "rss";

    public string Usage => $"rss --row ID [--ops 2] [--concurrency 1,2] {EngineSettings.Usage}   peak RSS of our engine on one row, in this process";

    public int Run(BenchmarkArguments arguments)
    {
        var settings = EngineSettings.From(arguments);
        var row = PhotoRows.Select([arguments.Text("row") ?? throw new BenchmarkUsageException("--row is required")])[0];
        var ops = arguments.Integer("ops", 2);
        var concurrency = arguments.Integers("concurrency", [1, 2]);
        arguments.RejectUnknown();

        var inputs = row.Files(settings.Photos).Select(File.ReadAllBytes).ToList();
        var operation = new EngineUnderTest(settings).OperationFor(row);
        using var loop = new ThroughputLoop();
        foreach (var inFlight in concurrency)
        {
            loop.Run(inputs, operation, inFlight, TimeSpan.Zero, ops);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{{\"peakRssKb\":{PeakRss.CurrentProcessKb()}}}"));
        return 0;
    }
}
