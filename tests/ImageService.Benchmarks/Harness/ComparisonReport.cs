using ImageService.Benchmarks.Rows;

namespace ImageService.Benchmarks.Harness;

/// <summary>
/// Prints the vs-sharp results as Markdown tables (so a run pastes straight into RESULTS.md) while the run goes on,
/// and the summary lines at the end; the very last line is <c>min ratio: X.XX</c>.
/// </summary>
internal sealed class ComparisonReport(TextWriter output, double minRatioTarget, double maxRssRatioTarget)
{
    private readonly List<double> _ratios = [];
    private readonly List<double> _rssRatios = [];
    private readonly List<string> _warnings = [];
    private bool _rssHeaderWritten;

    public void Header(IEnumerable<string> lines)
    {
        foreach (var line in lines)
        {
            output.WriteLine(line);
        }

        output.WriteLine();
        output.WriteLine("| row | conc | ours ops/s | sharp ops/s | ours/sharp | ours CPU ms/op | sharp CPU ms/op | ours/sharp by CPU | ours KB | sharp KB |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        output.Flush();
    }

    /// <summary>One table row. ops/s is the best round of each side; CPU time per operation is over all rounds;
    /// output sizes come from the check pass (every input once on each side).</summary>
    public void Throughput(
        PhotoRow row, int concurrency, IReadOnlyList<Measurement> ours, IReadOnlyList<Measurement> sharp, Measurement oursCheck, Measurement sharpCheck)
    {
        var oursBest = ours.Max(m => m.OpsPerSecond);
        var sharpBest = sharp.Max(m => m.OpsPerSecond);
        var ratio = oursBest / sharpBest;
        _ratios.Add(ratio);
        var oursCpu = CpuMillisecondsPerOp(ours);
        var sharpCpu = CpuMillisecondsPerOp(sharp);
        if (oursCheck.Width != sharpCheck.Width || oursCheck.Height != sharpCheck.Height)
        {
            _warnings.Add($"{row.Title}: output sizes differ (ours {oursCheck.Width}x{oursCheck.Height}, sharp {sharpCheck.Width}x{sharpCheck.Height})");
        }

        output.WriteLine(Invariant.Format(
            $"| {row.Title} | {concurrency} | {oursBest:0.0} | {sharpBest:0.0} | {ratio:0.00} | {oursCpu:0.0} | {sharpCpu:0.0} | {sharpCpu / oursCpu:0.00} | {oursCheck.AverageOutputKb:0.0} | {sharpCheck.AverageOutputKb:0.0} |"));
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
        output.WriteLine("at the end: " + MachineInfo.LoadAverage());
        foreach (var warning in _warnings)
        {
            output.WriteLine("warning: " + warning);
        }

        var minRatio = _ratios.Count == 0 ? 0 : _ratios.Min();
        var met = minRatio >= minRatioTarget;
        if (_rssRatios.Count > 0)
        {
            var maxRss = _rssRatios.Max();
            met &= maxRss <= maxRssRatioTarget;
            output.WriteLine(Invariant.Format($"max RSS ratio: {maxRss:0.00} (target <= {maxRssRatioTarget:0.00})"));
        }

        output.WriteLine(Invariant.Format($"targets (every ratio >= {minRatioTarget:0.00}, RSS ratio <= {maxRssRatioTarget:0.00}): {(met ? "met" : "MISSED")}"));
        output.WriteLine(Invariant.Format($"min ratio: {minRatio:0.00}"));
        output.Flush();
        return met ? 0 : 1;
    }
}
