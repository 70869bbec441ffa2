using System.Diagnostics;
using System.Globalization;

namespace ImageService.Fuzz.Tests;

/// <summary>
/// How long each fuzz target runs and from which seed. In the suite every target gets a few seconds (all of them
/// together stay under a minute); <c>FUZZ_SECONDS=600</c> gives each target that many seconds, <c>FUZZ_SEED</c> picks
/// another sequence. Iteration <c>i</c> of a target always draws from the same generator state, so a failure message
/// names the seed and iteration that reproduce it (<c>FUZZ_SEED=… FUZZ_ONLY=i</c>).
/// </summary>
internal sealed class FuzzBudget
{
    public const int DefaultSeed = 20261201;

    private FuzzBudget(TimeSpan perTarget, int seed, int? only)
    {
        PerTarget = perTarget;
        Seed = seed;
        Only = only;
    }

    public TimeSpan PerTarget { get; }

    public int Seed { get; }

    /// <summary>Replays one iteration only (FUZZ_ONLY).</summary>
    public int? Only { get; }

    public static FuzzBudget FromEnvironment(double defaultSeconds) => new(
        TimeSpan.FromSeconds(Read("FUZZ_SECONDS") ?? defaultSeconds),
        (int?)Read("FUZZ_SEED") ?? DefaultSeed,
        (int?)Read("FUZZ_ONLY"));

    /// <summary>Runs <paramref name="iteration"/> with a generator of its own until the budget is spent; returns how
    /// many ran. The first failure stops the run, naming how to replay it.</summary>
    public int Run(string target, Action<Random, int> iteration)
    {
        var clock = Stopwatch.StartNew();
        var count = 0;
        for (var i = Only ?? 0; Only is null ? clock.Elapsed < PerTarget : i == Only; i++)
        {
            // Not HashCode.Combine: it is randomised per process, and a seed must mean the same inputs in every run.
            var random = new Random(unchecked((Seed * 1_000_003) + (i * 7_919)) ^ StableHash(target));
            try
            {
                iteration(random, i);
            }
            catch (Exception e)
            {
                throw new FuzzFailureException($"{target}: iteration {i} failed (replay: FUZZ_SEED={Seed} FUZZ_ONLY={i}): {e.Message}", e);
            }
            count++;
        }
        return count;
    }

    private static int StableHash(string text)
    {
        var hash = 17;
        foreach (var c in text)
        {
            hash = unchecked(hash * 31 + c);
        }
        return hash;
    }

    private static double? Read(string name) =>
        double.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;
}
