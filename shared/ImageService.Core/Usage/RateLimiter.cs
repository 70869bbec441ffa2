namespace ImageService.Core.Usage;

/// <summary>
/// Per-account request rate with one-second fixed windows (the plan's requests per second), counted in
/// <see cref="IRateLimitStore"/> so every instance shares the count. A fixed window lets a burst of up to twice the
/// limit straddle a boundary; at one second that is harmless and it costs one conditional write per request.
/// </summary>
public sealed class RateLimiter(IRateLimitStore store, TimeProvider time)
{
    public async Task<RateLimitDecision> TryAcquireAsync(string accountId, int requestsPerSecond, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        var now = time.GetUtcNow();
        var windowStart = now.ToUnixTimeSeconds();
        var resetAt = DateTimeOffset.FromUnixTimeSeconds(windowStart + 1);
        if (requestsPerSecond < 1)
        {
            return new RateLimitDecision(false, 0, 0, resetAt, 1);
        }

        var result = await store.TryAcquireAsync(accountId, windowStart, requestsPerSecond, cancellationToken);
        var remaining = (int)Math.Max(0, requestsPerSecond - result.Count);
        // Retry-After is whole seconds; the window ends within one, so 1 is always right for one-second windows.
        return new RateLimitDecision(result.Acquired, requestsPerSecond, remaining, resetAt, result.Acquired ? 0 : 1);
    }
}
