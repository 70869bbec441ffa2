namespace ImageService.Api.Problems;

/// <summary>One row of <see cref="ProblemTypes"/>: a stable problem <c>type</c>, the status it is answered with, its
/// title (the same for every answer of that type) and what it means for a client (README and OpenAPI show it).</summary>
public sealed record ProblemKind(string Type, int Status, string Title, string Meaning);
