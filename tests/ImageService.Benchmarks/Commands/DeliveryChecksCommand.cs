using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using ImageService.Benchmarks.Checks;

namespace ImageService.Benchmarks.Commands;

/// <summary><c>checks</c>: the per-request cost, in microseconds, of each delivery check (signature, origin, secret-key
/// match, rate window) and of the whole gate over the embedded stores (issue 6). BenchmarkDotNet ShortRun, in-process.</summary>
internal sealed class DeliveryChecksCommand : IBenchmarkCommand
{
    public string Name => "checks";

    public string Usage => "checks                      per-request cost of each delivery check and of the whole gate (BenchmarkDotNet)";

    public int Run(BenchmarkArguments arguments)
    {
        var config = DefaultConfig.Instance
            .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
            .WithOptions(ConfigOptions.DisableOptimizationsValidator);
        BenchmarkRunner.Run<DeliveryChecksBenchmarks>(config);
        return 0;
    }
}
