using System.Text.Json.Serialization;

namespace ImageService.Lambda.HttpApi;

/// <summary>RFC 9457 body for a request the application failed to handle.</summary>
internal sealed record ProblemBody(
    string Type,
    string Title,
    int Status,
    string Detail,
    [property: JsonPropertyName("correlationId")] string CorrelationId);
