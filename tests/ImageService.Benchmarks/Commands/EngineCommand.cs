using System.Globalization;
using ImageService.Benchmarks.Harness;
using ImageService.Benchmarks.Rows;

namespace ImageService.Benchmarks.Commands;

/// <summary>
/// <c>engine</c>: our engine alone on the photo rows. For profiling (<c>perf record -g dotnet ... engine --rows ID</c>)
/// and quick checks; comparisons belong to vs-sharp, because absolute numbers drift on a shared machine.
/// </summary>
internal sealed class EngineCommand : IBenchmarkCommand
{
    public string Name => "engine";

    public string Usage => $"engine [--rows ID,...] {RunSettings.Usage} {EngineSettings.Usage}   our engine alone (ops/s, CPU ms/op)";

    public int Run(BenchmarkArguments arguments)
    {
        var settings = EngineSettings.From(arguments);
        var run = RunSettings.From(arguments);
        var rows = PhotoRows.Select(arguments.Words("rows").ToList());
        arguments.RejectUnknown();

        var engine = new EngineUnderTest(settings);
        using var loop = new ThroughputLoop();
        Console.WriteLine($"{MachineInfo.Describe()}; {engine.Version}; {run.Describe()}");
        Console.WriteLine();
        Console.WriteLine("| row | conc | ops/s | CPU ms/op | KB/op | output |");
        Console.WriteLine("|---|---:|---:|---:|---:|---|");
        foreach (var row in rows)
        {
            var inputs = row.Files(settings.Photos).Select(File.ReadAllBytes).ToList();
            var operation = engine.OperationFor(row);
            foreach (var concurrency in run.Concurrency)
            {
                loop.Run(inputs, operation, concurrency, run.Warmup, 1);
                var rounds = Enumerable.Range(0, run.Rounds)
                    .Select(_ => loop.Run(inputs, operation, concurrency, run.Round, run.MinOps))
                    .ToList();
                var best = rounds.MaxBy(m => m.OpsPerSecond)!;
                var cpu = rounds.Sum(m => m.CpuSeconds) * 1000 / rounds.Sum(m => m.Ops);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {row.Title} | {concurrency} | {best.OpsPerSecond:0.0} | {cpu:0.0} | {best.AverageOutputKb:0.0} | {best.Width}x{best.Height} |"));
            }
        }

        return 0;
    }
}
