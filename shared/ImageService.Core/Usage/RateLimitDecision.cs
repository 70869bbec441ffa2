namespace ImageService.Core.Usage;

/// <summary>A rate-limit answer with what the RateLimit headers need; <see cref="RetryAfterSeconds"/> is 0 when allowed.</summary>
public readonly record struct RateLimitDecision(bool Allowed, int Limit, int Remaining, DateTimeOffset ResetAt, int RetryAfterSeconds);
