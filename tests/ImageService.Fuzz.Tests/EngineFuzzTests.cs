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
        var nativeBaseline = NativeHeapInUse.Bytes();
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
        var nativeAfter = NativeHeapInUse.Bytes();
        output.WriteLine($"engine: {runs} inputs ({refused} refused) from {seeds.Count} seeds; managed heap {baseline / 1048576} MB -> {after / 1048576} MB; " +
            $"native in use {nativeBaseline / 1048576} MB -> {nativeAfter / 1048576} MB; resident {Environment.WorkingSet / 1048576} MB");
        Assert.True(after - baseline < 32L * 1024 * 1024, $"the managed heap grew from {baseline / 1048576} MB to {after / 1048576} MB");
        if (nativeBaseline is { } before && nativeAfter is { } now)
        {
            // The resident set is no measure here: freed render buffers stay with the allocator by design.
            Assert.True(now - before < 32L * 1024 * 1024, $"native memory in use grew from {before / 1048576} MB to {now / 1048576} MB");
        }
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

    /// <summary>The managed heap after a full collection (finalizers run, so released native handles are freed too).</summary>
    private static long SettledMemory()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
