namespace ImageService.Api.Workflows;

/// <summary>The source image of a run, inline (base64).</summary>
public sealed record ProviderInput(string ContentType, byte[] Data);
