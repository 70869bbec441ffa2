using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ImageService.Benchmarks.Harness;
using ImageService.Benchmarks.Peers;
using ImageService.Benchmarks.Rows;
using ImageService.Benchmarks.Sharp;

namespace ImageService.Benchmarks.Commands;

/// <summary>
/// <c>vs-sharp</c> (issue 2, item 6; issue 10, item 7): our engine against sharp and NetVips (both on the same
/// libvips build) and ImageSharp, on the same photos and operations, in one run. Every side reads its inputs into
/// memory first and gets the same libvips settings; the sides take turns round by round, each round starting with
/// a different side, so the load other processes put on the machine falls on all of them. Run through vs-sharp.sh.
/// </summary>
internal sealed class VsSharpCommand : IBenchmarkCommand
{
    private const double MinRatioTarget = 0.97;
    private const double MaxRssRatioTarget = 1.3;
    private static readonly string[] AllPeers = ["sharp", "netvips", "imagesharp"];

    public string Name => "vs-sharp";

    public string Usage =>
        $"vs-sharp [--rows ID,...] [--peers sharp,netvips,imagesharp] [--rss-ops 2] [--rss-runs 3] {RunSettings.Usage} {EngineSettings.Usage}   ops/s against sharp, NetVips and ImageSharp; peak RSS against sharp";

    public int Run(BenchmarkArguments arguments)
    {
        var settings = EngineSettings.From(arguments);
        var run = RunSettings.From(arguments);
        var rows = PhotoRows.Select(arguments.Words("rows").ToList());
        var peers = arguments.Words("peers") is { Count: > 0 } chosen ? chosen : AllPeers;
        var rssOps = arguments.Integer("rss-ops", 2);
        var rssRuns = arguments.Integer("rss-runs", 3);
        if (rssOps < 1 || rssRuns < 1)
        {
            throw new BenchmarkUsageException("--rss-ops and --rss-runs must be at least 1");
        }

        if (peers.Except(AllPeers).ToList() is { Count: > 0 } unknown)
        {
            throw new BenchmarkUsageException($"unknown peer(s) {string.Join(", ", unknown)}; peers: {string.Join(", ", AllPeers)}");
        }

        arguments.RejectUnknown();

        var engine = new EngineUnderTest(settings);
        var sharpSettings = new SharpSettings(settings.VipsThreads, run.Concurrency.Max(), settings.OperationCache);
        var cache = settings.OperationCache ? "on" : "off";
        using (var loop = new ThroughputLoop())
        using (var sharp = peers.Contains("sharp") ? SharpWorker.Start(sharpSettings) : null)
        {
            List<IComparedSide> sides = [new InProcessSide("ours", $"{engine.Version}; operation cache {cache}", loop, engine.OperationFor)];
            foreach (var peer in AllPeers.Where(peers.Contains))
            {
                sides.Add(peer switch
                {
                    "sharp" => new SharpSide(sharp!, sharpSettings, settings.Photos),
                    "netvips" => NetVipsSide(settings, loop, cache),
                    _ => new InProcessSide(peer, $"{ImageSharpPeer.Version}; MaxDegreeOfParallelism={settings.VipsThreads}", loop, new ImageSharpPeer(settings).OperationFor),
                });
            }

            var report = new ComparisonReport(Console.Out, [.. sides.Select(s => s.Name)], MinRatioTarget, ["sharp", "netvips"], MaxRssRatioTarget);
            report.Header(
            [
                "vs-sharp: " + MachineInfo.Describe(),
                .. sides.Select(s => $"{s.Name}: {s.Description}"),
                $"timing: {run.Describe()}; the sides take turns round by round; inputs read into memory before timing",
            ]);
            foreach (var row in rows)
            {
                MeasureThroughput(row, settings, run, sides, report);
            }

            foreach (var row in rows.Where(r => r.MeasuresRss && sharp is not null))
            {
                MeasurePeakRss(row, settings, sharpSettings, run.Concurrency, rssOps, rssRuns, report);
            }

            return report.Finish();
        }
    }

    private static InProcessSide NetVipsSide(EngineSettings settings, ThroughputLoop loop, string cache)
    {
        NetVipsPeer.Configure(settings);
        return new InProcessSide("netvips", $"{NetVipsPeer.Version}; the same libvips.so.42 in this process; operation cache {cache}", loop, NetVipsPeer.OperationFor);
    }

    private static void MeasureThroughput(PhotoRow row, EngineSettings settings, RunSettings run, List<IComparedSide> sides, ComparisonReport report)
    {
        var inputs = row.Files(settings.Photos).Select(File.ReadAllBytes).ToList();
        // Check pass, also the first warm-up: every input once on each side, so output sizes compare exactly.
        var checks = sides.Select(side => side.Run(row, inputs, 1, TimeSpan.Zero, inputs.Count)).ToList();
        report.Outputs(row, checks);
        foreach (var concurrency in run.Concurrency)
        {
            foreach (var side in sides)
            {
                side.Run(row, inputs, concurrency, run.Warmup, 1);
            }

            var rounds = sides.Select(_ => new List<Measurement>()).ToList();
            for (var round = 0; round < run.Rounds; round++)
            {
                // A different side goes first each round, so none always inherits the others' cache and heat.
                for (var turn = 0; turn < sides.Count; turn++)
                {
                    var index = (round + turn) % sides.Count;
                    rounds[index].Add(sides[index].Run(row, inputs, concurrency, run.Round, run.MinOps));
                }
            }

            Console.Error.WriteLine(Invariant.Format(
                $"  {row.Id} c={concurrency}: {string.Join("; ", sides.Select((s, i) => $"{s.Name} {Rounds(rounds[i])}"))} ops/s"));
            report.Throughput(row, concurrency, rounds);
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
