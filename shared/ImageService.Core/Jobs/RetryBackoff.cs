namespace ImageService.Core.Jobs;

/// <summary>Exponential backoff with full jitter (AWS Architecture Blog, "Exponential Backoff And Jitter"): attempt n waits
/// a uniformly random time in [0, min(max, base * 2^(n-1))], so retries of many items spread out instead of
/// arriving together.</summary>
public static class RetryBackoff
{
    public static TimeSpan Delay(int attempt, TimeSpan baseDelay, TimeSpan maxDelay, double random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(random, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(random, 1.0);
        var ceiling = Math.Min(maxDelay.TotalMilliseconds, baseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 30)));
        return TimeSpan.FromMilliseconds(ceiling * random);
    }
}
