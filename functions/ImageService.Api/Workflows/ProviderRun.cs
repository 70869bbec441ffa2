namespace ImageService.Api.Workflows;

/// <summary>The provider's answer to a submit or a status request.</summary>
public sealed record ProviderRun(string Id, string Status, string? Error);
