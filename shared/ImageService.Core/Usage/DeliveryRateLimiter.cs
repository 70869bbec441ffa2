using System.Collections.Concurrent;

namespace ImageService.Core.Usage;

/// <summary>
/// Per-account request rate with one-second fixed windows (the plan's requests per second), counted in
/// <see cref="IRateLimitStore"/> so every instance shares the count. A fixed window lets a burst of up to twice the
/// limit straddle a boundary; at one second that is harmless.
/// <para>
/// A busy instance does not write the store once per request: it reserves a block of permits with one conditional write
/// and hands them out from memory. The block follows this instance's own demand in the previous window (an eighth of
/// it), is at most <see cref="MaxReservation"/> and at most a sixteenth of the limit, and shrinks to one permit when the
/// store refuses a block, so the store's count never passes the limit and one instance alone is admitted exactly the
/// limit. The price: permits another instance reserved and did not use in a window are lost to the others for that
/// second (under a sixteenth of the limit per instance). Small limits (under 32 per second) always go one permit at a
/// time. Once the store refuses a single permit the window is full, and later requests of that window are refused from
/// memory, so a flood costs no writes.
/// </para>
/// </summary>
public sealed class DeliveryRateLimiter(IRateLimitStore store, TimeProvider time)
{
    /// <summary>The largest block of permits reserved with one store write.</summary>
    public const int MaxReservation = 64;

    // Past this many accounts, windows idle for two seconds are dropped (at most one sweep per second).
    private const int SweepAbove = 10_000;

    private readonly ConcurrentDictionary<string, AccountWindow> _windows = new(StringComparer.Ordinal);
    private long _lastSweep;

    public async Task<RateLimitDecision> TryAcquireAsync(string accountId, int requestsPerSecond, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        var windowStart = time.GetUtcNow().ToUnixTimeSeconds();
        if (requestsPerSecond < 1)
        {
            return Refused(windowStart, 0);
        }

        SweepIdleWindows(windowStart);
        var window = _windows.GetOrAdd(accountId, static _ => new AccountWindow());
        if (window.TryAnswerFromMemory(windowStart, requestsPerSecond, countDemand: true) is { } fromMemory)
        {
            return fromMemory;
        }

        await window.Refill.WaitAsync(cancellationToken);
        try
        {
            // Another request may have refilled (or found the window full) while this one waited, or the window turned.
            windowStart = Math.Max(windowStart, time.GetUtcNow().ToUnixTimeSeconds());
            if (window.TryAnswerFromMemory(windowStart, requestsPerSecond, countDemand: false) is { } afterWait)
            {
                return afterWait;
            }

            var block = window.NextBlock(requestsPerSecond);
            var result = await store.TryAcquireAsync(accountId, windowStart, requestsPerSecond, block, cancellationToken);
            if (!result.Acquired && block > 1)
            {
                block = 1;
                result = await store.TryAcquireAsync(accountId, windowStart, requestsPerSecond, block, cancellationToken);
            }

            return window.Record(windowStart, requestsPerSecond, result, block);
        }
        finally
        {
            window.Refill.Release();
        }
    }

    /// <summary>Keeps memory bounded by the accounts active in the last seconds. A dropped window only forgets unused
    /// permits (never more admitted) and the demand that sizes blocks.</summary>
    private void SweepIdleWindows(long windowStart)
    {
        // Once a second at most: Count takes every lock of the dictionary, too dear for each request.
        if (Volatile.Read(ref _lastSweep) == windowStart || Interlocked.Exchange(ref _lastSweep, windowStart) == windowStart
            || _windows.Count <= SweepAbove)
        {
            return;
        }
        foreach (var (accountId, window) in _windows)
        {
            if (window.IsIdleBefore(windowStart - 1))
            {
                _windows.TryRemove(accountId, out _);
            }
        }
    }

    private static RateLimitDecision Allowed(long windowStart, int limit, long remaining) =>
        new(true, limit, (int)Math.Clamp(remaining, 0, limit), ResetAt(windowStart), 0);

    // Retry-After is whole seconds; the window ends within one, so 1 is always right for one-second windows.
    private static RateLimitDecision Refused(long windowStart, int limit) => new(false, limit, 0, ResetAt(windowStart), 1);

    private static DateTimeOffset ResetAt(long windowStart) => DateTimeOffset.FromUnixTimeSeconds(windowStart + 1);

    /// <summary>This instance's view of one account's current window: permits reserved and not yet used, the store's
    /// count after the last reservation, whether the store said full, and the demand that sizes the next block.</summary>
    private sealed class AccountWindow
    {
        private readonly Lock _lock = new();
        private long _start = long.MinValue;
        private long _unused;
        private long _storeCount;
        private bool _full;
        private long _demand;
        private long _previousDemand;

        public SemaphoreSlim Refill { get; } = new(1, 1);

        public RateLimitDecision? TryAnswerFromMemory(long windowStart, int limit, bool countDemand)
        {
            lock (_lock)
            {
                if (windowStart < _start)
                {
                    // A request that read the clock just before the window turned: count it in the current window.
                    windowStart = _start;
                }
                Roll(windowStart);
                if (countDemand)
                {
                    _demand++;
                }
                if (_unused > 0)
                {
                    _unused--;
                    return Allowed(windowStart, limit, limit - _storeCount + _unused);
                }
                return _full ? Refused(windowStart, limit) : null;
            }
        }

        public bool IsIdleBefore(long windowStart)
        {
            lock (_lock)
            {
                return _start < windowStart;
            }
        }

        public int NextBlock(int limit)
        {
            lock (_lock)
            {
                return (int)Math.Max(1, Math.Min(Math.Min(MaxReservation, limit / 16), _previousDemand / 8));
            }
        }

        public RateLimitDecision Record(long windowStart, int limit, RateWindowResult result, int block)
        {
            lock (_lock)
            {
                if (windowStart < _start)
                {
                    // The window turned while the store answered: the answer holds for this request only.
                    return result.Acquired ? Allowed(windowStart, limit, limit - result.Count) : Refused(windowStart, limit);
                }
                Roll(windowStart);
                if (!result.Acquired)
                {
                    _full = true;
                    _storeCount = limit;
                    return Refused(windowStart, limit);
                }
                // One permit is this request's; the rest wait for the next requests of this window.
                _unused += block - 1;
                _storeCount = result.Count;
                return Allowed(windowStart, limit, limit - _storeCount + _unused);
            }
        }

        private void Roll(long windowStart)
        {
            if (windowStart == _start)
            {
                return;
            }
            _previousDemand = windowStart == _start + 1 ? _demand : 0;
            _start = windowStart;
            _unused = 0;
            _storeCount = 0;
            _full = false;
            _demand = 0;
        }
    }
}
