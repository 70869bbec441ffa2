using System.Globalization;

namespace ImageService.Benchmarks.Commands;

/// <summary>How long and how often each throughput cell runs.</summary>
/// <param name="Round">Length of one timed round per side.</param>
/// <param name="Rounds">Rounds per cell; the sides alternate which goes first, and the best round of each side counts
/// (other engineers' builds on this shared machine only ever slow a round down).</param>
/// <param name="Warmup">Untimed run per side before a cell's rounds (JIT, libvips' first-use initialisation, caches).</param>
/// <param name="MinOps">Operations each in-flight loop completes at least, however slow a round is.</param>
internal sealed record RunSettings(IReadOnlyList<int> Concurrency, TimeSpan Round, int Rounds, TimeSpan Warmup, int MinOps)
{
    public const string Usage = "[--concurrency 1,2] [--seconds 0.8] [--rounds 7] [--warmup 0.5]";

    public static RunSettings From(BenchmarkArguments arguments)
    {
        var concurrency = arguments.Integers("concurrency", [1, 2]);
        var seconds = arguments.Decimal("seconds", 0.8);
        var rounds = arguments.Integer("rounds", 7);
        var warmup = arguments.Decimal("warmup", 0.5);
        if (concurrency.Count == 0 || concurrency.Any(c => c < 1) || seconds <= 0 || rounds < 1 || warmup < 0)
        {
            throw new BenchmarkUsageException("--concurrency needs values >= 1, --seconds > 0, --rounds >= 1, --warmup >= 0");
        }

        return new RunSettings(concurrency, TimeSpan.FromSeconds(seconds), rounds, TimeSpan.FromSeconds(warmup), MinOps: 1);
    }

    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"best of {Rounds} rounds of {Round.TotalSeconds:0.##} s, after {Warmup.TotalSeconds:0.##} s warm-up; at least {MinOps} op(s) per loop");
}
