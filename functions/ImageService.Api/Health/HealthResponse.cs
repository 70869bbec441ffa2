namespace ImageService.Api.Health;

/// <param name="Status">healthy or unhealthy.</param>
/// <param name="Checks">Each dependency and whether it answered: ready or unavailable.</param>
public sealed record HealthResponse(string Status, IReadOnlyDictionary<string, string> Checks);
