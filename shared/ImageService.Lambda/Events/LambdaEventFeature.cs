namespace ImageService.Lambda.Events;

/// <summary>Set on requests <see cref="LambdaServer"/> made from a non-HTTP event; only those reach
/// <see cref="LambdaEventEndpoints"/>' handlers.</summary>
internal sealed record LambdaEventFeature(LambdaEventSource Source);
