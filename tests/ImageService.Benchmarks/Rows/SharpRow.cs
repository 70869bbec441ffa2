using System.Text.Json.Serialization;

namespace ImageService.Benchmarks.Rows;

/// <summary>A row as sharp-worker.mjs reads it (one JSON object; see the comment at the top of that file).</summary>
internal sealed record SharpRow(
    [property: JsonPropertyName("files")] IReadOnlyList<string> Files,
    [property: JsonPropertyName("width")] int? Width,
    [property: JsonPropertyName("height")] int? Height,
    [property: JsonPropertyName("fit")] string Fit,
    [property: JsonPropertyName("format")] string Format,
    [property: JsonPropertyName("quality")] int Quality,
    [property: JsonPropertyName("flatten")] string? Flatten);
