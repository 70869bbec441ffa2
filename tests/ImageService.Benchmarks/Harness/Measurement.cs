using System.Text.Json.Serialization;

namespace ImageService.Benchmarks.Harness;

/// <summary>Completed operations over the time from start until the last one finished, plus what they produced
/// (to show both sides made the same images). Also the JSON answer of sharp-worker.mjs.</summary>
internal sealed record Measurement(
    [property: JsonPropertyName("ops")] int Ops,
    [property: JsonPropertyName("seconds")] double Seconds,
    [property: JsonPropertyName("outputBytes")] long OutputBytes,
    [property: JsonPropertyName("width")] int Width,
    [property: JsonPropertyName("height")] int Height)
{
    public double OpsPerSecond => Ops / Seconds;

    public double AverageOutputKb => Ops == 0 ? 0 : OutputBytes / 1024.0 / Ops;
}
