using System.Diagnostics;
using ImageService.Core.Imaging;
using ImageService.Imaging;
using Xunit.Abstractions;

namespace ImageService.Fuzz.Tests;

/// <summary>
/// The image engine on mutated real files (truncations, bit flips, chunk swaps, repeats, junk, headers declaring huge
/// sizes): every input is either processed or refused with one of the engine's own rejections (415/422 at the API);
/// nothing else is thrown, no call runs past its bound, and memory returns to where it was.
/// </summary>
[Collection(FuzzTargets.Name)]
public sealed class EngineFuzzTests(ITestOutputHelper output)
{
    /// <summary>Far above a healthy call (milliseconds for these sizes), far below a hang.</summary>
    private static readonly TimeSpan CallBound = TimeSpan.FromSeconds(20);

    private static readonly FuzzBudget Budget = FuzzBudget.FromEnvironment(defaultSeconds: 15);

    [Fact]
    public void Mutated_images_are_processed_or_refused_never_crash_hang_or_leak()
    {
        var engine = new VipsImageProcessor();
        var seeds = Seeds.Create(engine);
        foreach (var (_, bytes) in seeds)
        {
            Exercise(engine, bytes, new Random(1)); // warm-up: codecs loaded, pools sized
        }
        var baseline = SettledMemory();
        var refused = 0;

        var runs = Budget.Run("engine", (random, i) =>
        {
            var (name, seed) = seeds[random.Next(seeds.Count)];
            var input = Mutations.Mutate(seed, random);
            try
            {
                refused += Exercise(engine, input, random) ? 0 : 1;
            }
            catch
            {
                Findings.Keep("engine", i, input);
                output.WriteLine($"seed {name}, {input.Length} bytes");
                throw;
            }
        });

        var after = SettledMemory();
        output.WriteLine($"engine: {runs} inputs ({refused} refused) from {seeds.Count} seeds; memory {baseline / 1048576} MB -> {after / 1048576} MB");
        Assert.True(after - baseline < 192L * 1024 * 1024, $"memory grew from {baseline / 1048576} MB to {after / 1048576} MB");
    }

    /// <summary>Probe, upload processing and one transform; true when all succeeded, false when the engine refused.</summary>
    internal static bool Exercise(IImageProcessor engine, byte[] input, Random random)
    {
        var clock = Stopwatch.StartNew();
        var accepted = true;
        foreach (var step in new Action[]
        {
            () => engine.Probe(input),
            () => engine.ProcessUpload(input),
            () => engine.Transform(input, Seeds.Spec(random.Next(3) switch { 0 => "w=64&f=webp", 1 => "w=40&h=40&fit=contain&f=png", _ => "h=50&rot=90&f=jpeg" }), new TransformContext()),
        })
        {
            try
            {
                step();
            }
            catch (ImageRejectedException)
            {
                accepted = false;
                break; // a refused probe means the API never goes further
            }
            finally
            {
                Assert.True(clock.Elapsed < CallBound, $"took {clock.Elapsed}");
            }
        }
        return accepted;
    }

    private static long SettledMemory()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }
}
