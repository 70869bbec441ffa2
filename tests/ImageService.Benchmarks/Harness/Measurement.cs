using System.Text.Json.Serialization;

namespace ImageService.Benchmarks.Harness;

/// <summary>Completed operations over the time from start until the last one finished, the CPU time the whole
/// process used meanwhile, and what the operations produced (to show both sides made the same images).
/// Also the JSON answer of sharp-worker.mjs.</summary>
internal sealed record Measurement(
    [property: JsonPropertyName("ops")] int Ops,
    [property: JsonPropertyName("seconds")] double Seconds,
    [property: JsonPropertyName("cpuSeconds")] double CpuSeconds,
    [property: JsonPropertyName("outputBytes")] long OutputBytes,
    [property: JsonPropertyName("width")] int Width,
    [property: JsonPropertyName("height")] int Height)
{
    public double OpsPerSecond => Ops / Seconds;

    /// <summary>Process CPU time per operation: far less disturbed than wall time by other processes on a shared
    /// machine, so it cross-checks the ops/s ratio.</summary>
    public double CpuMillisecondsPerOp => Ops == 0 ? 0 : CpuSeconds * 1000 / Ops;

    public double AverageOutputKb => Ops == 0 ? 0 : OutputBytes / 1024.0 / Ops;
}
