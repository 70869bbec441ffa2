namespace ImageService.Lambda.Events;

/// <summary>Marks an endpoint that serves Lambda events of <see cref="Source"/> rather than HTTP callers (route tables
/// and API documents leave such endpoints out).</summary>
public sealed record LambdaEventEndpointMetadata(LambdaEventSource Source);
