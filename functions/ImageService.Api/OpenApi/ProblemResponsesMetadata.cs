namespace ImageService.Api.OpenApi;

/// <summary>Endpoint metadata naming the problem types an endpoint (or its group) may answer with; the OpenAPI
/// operation transformer writes them into each response's description.</summary>
internal sealed record ProblemResponsesMetadata(IReadOnlyList<string> Types);
