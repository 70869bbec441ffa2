using ImageService.Benchmarks.Rows;

namespace ImageService.Benchmarks.Harness;

/// <summary>
/// Prints the vs-sharp results as Markdown tables (so a run pastes straight into RESULTS.md) while the run goes on,
/// and the summary lines at the end. The last three lines are <c>min ratio vs netvips: X.XX</c>,
/// <c>min ratio vs imagesharp: Y.YY</c> and, last, <c>min ratio: Z.ZZ</c> (ours/sharp); a peer left out of the
/// run prints n/a.
/// </summary>
/// <param name="sides">Column order; the first is ours, the others are peers.</param>
/// <param name="targetPeers">Peers whose ratio must reach <paramref name="minRatioTarget"/> on every row.</param>
internal sealed class ComparisonReport(
    TextWriter output, IReadOnlyList<string> sides, double minRatioTarget, IReadOnlyList<string> targetPeers, double maxRssRatioTarget)
{
    private readonly Dictionary<string, List<double>> _ratios = sides.Skip(1).ToDictionary(p => p, _ => new List<double>());
    private readonly List<double> _rssRatios = [];
    private readonly List<string> _warnings = [];
    private readonly List<string> _outputRows = [];
    private bool _rssHeaderWritten;

    private IEnumerable<string> Peers => sides.Skip(1);

    public void Header(IEnumerable<string> lines)
    {
        foreach (var line in lines)
        {
            output.WriteLine(line);
        }

        output.WriteLine();
        output.WriteLine("ops/s: the best round of each side. CPU ms/op: process CPU time per operation over all rounds.");
        output.WriteLine();
        output.WriteLine("| row | conc | " + string.Join(" | ", sides.Select(s => s + " ops/s")) + " | " +
            string.Join(" | ", Peers.Select(p => "ours/" + p)) + " | " + string.Join(" | ", sides.Select(s => s + " CPU ms/op")) + " |");
        output.WriteLine("|---|---:|" + string.Concat(Enumerable.Repeat("---:|", sides.Count * 2 + Peers.Count())));
        output.Flush();
    }

    /// <summary>What each side produced in the check pass (every input once), for the outputs table at the end.</summary>
    public void Outputs(PhotoRow row, IReadOnlyList<Measurement> checks)
    {
        var ours = checks[0];
        for (var i = 1; i < checks.Count; i++)
        {
            if (checks[i].Width != ours.Width || checks[i].Height != ours.Height)
            {
                _warnings.Add($"{row.Title}: output sizes differ (ours {ours.Width}x{ours.Height}, {sides[i]} {checks[i].Width}x{checks[i].Height})");
            }
        }

        _outputRows.Add($"| {row.Title} | " + string.Join(" | ", checks.Select(c => Invariant.Format($"{c.Width}x{c.Height}, {c.AverageOutputKb:0.0} KB"))) + " |");
    }

    /// <summary>One table row; <paramref name="rounds"/> is per side, in column order.</summary>
    public void Throughput(PhotoRow row, int concurrency, IReadOnlyList<IReadOnlyList<Measurement>> rounds)
    {
        var best = rounds.Select(r => r.Max(m => m.OpsPerSecond)).ToList();
        var ratios = best.Skip(1).Select(peer => best[0] / peer).ToList();
        foreach (var (peer, ratio) in Peers.Zip(ratios))
        {
            _ratios[peer].Add(ratio);
        }

        output.WriteLine(Invariant.Format($"| {row.Title} | {concurrency} | ") +
            string.Join(" | ", best.Select(b => Invariant.Format($"{b:0.0}"))) + " | " +
            string.Join(" | ", ratios.Select(r => Invariant.Format($"{r:0.00}"))) + " | " +
            string.Join(" | ", rounds.Select(r => Invariant.Format($"{CpuMillisecondsPerOp(r):0.0}"))) + " |");
        output.Flush();
    }

    private static double CpuMillisecondsPerOp(IReadOnlyList<Measurement> rounds) =>
        rounds.Sum(m => m.CpuSeconds) * 1000 / rounds.Sum(m => m.Ops);

    public void PeakRss(PhotoRow row, string how, long oursKb, long sharpKb)
    {
        if (!_rssHeaderWritten)
        {
            output.WriteLine();
            output.WriteLine($"Peak RSS (VmHWM), a fresh process per side and row, {how}:");
            output.WriteLine();
            output.WriteLine("| row | ours MB | sharp MB | ours/sharp |");
            output.WriteLine("|---|---:|---:|---:|");
            _rssHeaderWritten = true;
        }

        var ratio = (double)oursKb / sharpKb;
        _rssRatios.Add(ratio);
        output.WriteLine(Invariant.Format($"| {row.Title} | {oursKb / 1024.0:0.0} | {sharpKb / 1024.0:0.0} | {ratio:0.00} |"));
        output.Flush();
    }

    /// <summary>Writes the summary and returns the exit code: 0 when every target is met, 1 otherwise.</summary>
    public int Finish()
    {
        output.WriteLine();
        output.WriteLine("Outputs of the check pass (every input once; size and average bytes per image):");
        output.WriteLine();
        output.WriteLine("| row | " + string.Join(" | ", sides) + " |");
        output.WriteLine("|---|" + string.Concat(Enumerable.Repeat("---|", sides.Count)));
        foreach (var line in _outputRows)
        {
            output.WriteLine(line);
        }

        output.WriteLine();
        output.WriteLine("at the end: " + MachineInfo.LoadAverage());
        foreach (var warning in _warnings)
        {
            output.WriteLine("warning: " + warning);
        }

        var measuredTargets = targetPeers.Where(_ratios.ContainsKey).ToList();
        var met = measuredTargets.All(p => _ratios[p].Count > 0 && _ratios[p].Min() >= minRatioTarget);
        if (_rssRatios.Count > 0)
        {
            var maxRss = _rssRatios.Max();
            met &= maxRss <= maxRssRatioTarget;
            output.WriteLine(Invariant.Format($"max RSS ratio: {maxRss:0.00} (target <= {maxRssRatioTarget:0.00})"));
        }

        output.WriteLine(Invariant.Format(
            $"targets ({string.Join(" and ", measuredTargets.Select(p => "ours/" + p))} >= {minRatioTarget:0.00} on every row, RSS ratio <= {maxRssRatioTarget:0.00}): {(met ? "met" : "MISSED")}"));
        output.WriteLine("min ratio vs netvips: " + MinRatio("netvips"));
        output.WriteLine("min ratio vs imagesharp: " + MinRatio("imagesharp"));
        output.WriteLine("min ratio: " + MinRatio("sharp"));
        output.Flush();
        return met ? 0 : 1;
    }

    private string MinRatio(string peer) =>
        _ratios.TryGetValue(peer, out var ratios) && ratios.Count > 0 ? Invariant.Format($"{ratios.Min():0.00}") : "n/a";
}
