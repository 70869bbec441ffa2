using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ImageService.Benchmarks.Harness;
using ImageService.Benchmarks.Rows;
using ImageService.Benchmarks.Sharp;

namespace ImageService.Benchmarks.Commands;

/// <summary>
/// <c>vs-sharp</c> (issue 2, item 6): our engine against sharp on the same libvips build, photos and operations, in
/// one run. Both sides read their inputs into memory first, get the same libvips settings, and alternate round by
/// round so the load other processes put on the machine falls on both. Run through vs-sharp.sh.
/// </summary>
internal sealed class VsSharpCommand : IBenchmarkCommand
{
    private const double MinRatioTarget = 0.95;
    private const double MaxRssRatioTarget = 1.3;

    public string Name => "vs-sharp";

    public string Usage => $"vs-sharp [--rows ID,...] [--rss-ops 2] [--rss-runs 3] {RunSettings.Usage} {EngineSettings.Usage}   ops/s and peak RSS against sharp";

    public int Run(BenchmarkArguments arguments)
    {
        var settings = EngineSettings.From(arguments);
        var run = RunSettings.From(arguments);
        var rows = PhotoRows.Select(arguments.Words("rows").ToList());
        var rssOps = arguments.Integer("rss-ops", 2);
        var rssRuns = arguments.Integer("rss-runs", 3);
        if (rssOps < 1 || rssRuns < 1)
        {
            throw new BenchmarkUsageException("--rss-ops and --rss-runs must be at least 1");
        }

        arguments.RejectUnknown();

        var engine = new EngineUnderTest(settings);
        var sharpSettings = new SharpSettings(settings.VipsThreads, run.Concurrency.Max(), settings.OperationCache);
        var report = new ComparisonReport(Console.Out, MinRatioTarget, MaxRssRatioTarget);
        using (var loop = new ThroughputLoop())
        using (var sharp = SharpWorker.Start(sharpSettings))
        {
            var cache = settings.OperationCache ? "on" : "off";
            report.Header(
            [
                "vs-sharp: " + MachineInfo.Describe(),
                $"ours:  {engine.Version}; operation cache {cache}",
                $"sharp: {sharp.Version}; operation cache {cache}; UV_THREADPOOL_SIZE={sharpSettings.ThreadPoolSize}",
                $"timing: {run.Describe()}; the sides alternate round by round; inputs read into memory before timing",
            ]);
            foreach (var row in rows)
            {
                MeasureThroughput(row, settings, run, engine, loop, sharp, report);
            }
        }

        foreach (var row in rows.Where(r => r.MeasuresRss))
        {
            MeasurePeakRss(row, settings, sharpSettings, run.Concurrency, rssOps, rssRuns, report);
        }

        return report.Finish();
    }

    private static void MeasureThroughput(
        PhotoRow row, EngineSettings settings, RunSettings run, EngineUnderTest engine, ThroughputLoop loop, SharpWorker sharp, ComparisonReport report)
    {
        var inputs = row.Files(settings.Photos).Select(File.ReadAllBytes).ToList();
        var operation = engine.OperationFor(row);
        var sharpRow = row.ToSharp(settings.Photos);
        // Check pass, also the first warm-up: every input once on each side, so output sizes compare exactly.
        var oursCheck = loop.Run(inputs, operation, 1, TimeSpan.Zero, inputs.Count);
        var sharpCheck = sharp.Run(sharpRow, 1, TimeSpan.Zero, inputs.Count);
        foreach (var concurrency in run.Concurrency)
        {
            loop.Run(inputs, operation, concurrency, run.Warmup, 1);
            sharp.Run(sharpRow, concurrency, run.Warmup, 1);
            var ours = new List<Measurement>();
            var theirs = new List<Measurement>();
            for (var round = 0; round < run.Rounds; round++)
            {
                // Alternate who goes first, so neither side always inherits the other's cache and heat.
                if (round % 2 == 0)
                {
                    ours.Add(loop.Run(inputs, operation, concurrency, run.Round, run.MinOps));
                    theirs.Add(sharp.Run(sharpRow, concurrency, run.Round, run.MinOps));
                }
                else
                {
                    theirs.Add(sharp.Run(sharpRow, concurrency, run.Round, run.MinOps));
                    ours.Add(loop.Run(inputs, operation, concurrency, run.Round, run.MinOps));
                }
            }

            Console.Error.WriteLine(Invariant.Format($"  {row.Id} c={concurrency}: ours {Rounds(ours)}; sharp {Rounds(theirs)} ops/s"));
            report.Throughput(row, concurrency, ours, theirs, oursCheck, sharpCheck);
        }
    }

    /// <summary>Peak RSS swings by tens of MB between identical runs (which malloc arena a thread gets, when pages go
    /// back), so each side runs several fresh processes, interleaved, and the median counts.</summary>
    private static void MeasurePeakRss(
        PhotoRow row, EngineSettings settings, SharpSettings sharpSettings, IReadOnlyList<int> concurrency, int ops, int runs, ComparisonReport report)
    {
        var concurrencyList = string.Join(',', concurrency);
        var opsText = ops.ToString(CultureInfo.InvariantCulture);
        var ours = new List<long>();
        var theirs = new List<long>();
        for (var i = 0; i < runs; i++)
        {
            ours.Add(PeakRssOf(SelfProcess.StartInfo(
                ["rss", "--row", row.Id, "--ops", opsText, "--concurrency", concurrencyList, .. settings.ToArguments()])));
            theirs.Add(PeakRssOf(sharpSettings.StartInfo("rss", JsonSerializer.Serialize(row.ToSharp(settings.Photos)), opsText, concurrencyList)));
        }

        Console.Error.WriteLine(Invariant.Format(
            $"  {row.Id} peak RSS: ours {string.Join(" ", ours.Select(kb => kb / 1024))}; sharp {string.Join(" ", theirs.Select(kb => kb / 1024))} MB"));
        report.PeakRss(row, $"median of {runs} runs, {opsText} ops per in-flight loop at concurrency {concurrencyList}", Median(ours), Median(theirs));
    }

    private static long PeakRssOf(ProcessStartInfo start)
    {
        start.RedirectStandardInput = false;
        using var answer = JsonDocument.Parse(SelfProcess.RunForLastLine(start));
        return answer.RootElement.GetProperty("peakRssKb").GetInt64();
    }

    private static long Median(List<long> values) => values.Order().ElementAt(values.Count / 2);

    private static string Rounds(List<Measurement> rounds) =>
        string.Join(" ", rounds.Select(m => m.OpsPerSecond.ToString("0.0", CultureInfo.InvariantCulture)));
}
