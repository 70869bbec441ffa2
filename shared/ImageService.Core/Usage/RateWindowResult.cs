namespace ImageService.Core.Usage;

/// <summary>What <see cref="IRateLimitStore.TryAcquireAsync"/> did: <see cref="Count"/> is the window's count after
/// the call (equal to the limit when refused).</summary>
public readonly record struct RateWindowResult(bool Acquired, long Count);
