using ImageService.Core.Usage;

namespace ImageService.Api.Usage;

/// <summary>
/// Usage as this process sees it: the delivery route records after each response, and the gate's quota check and the
/// usage endpoints read here.
/// <para>
/// On the embedded backend (<see cref="Coalesce"/>) the deltas of all requests are summed per account and month and
/// written every <see cref="FlushInterval"/> (and when the host stops), so a burst of requests costs one SQLite write per
/// account instead of one each. Reads answer from memory: the store's counters read at most <see cref="ReadInterval"/>
/// ago plus everything this process recorded since that read (written or not), so this process's own requests count at
/// once and another process's within a second. A flush and a store read never overlap, which keeps each delta in exactly
/// one of the two parts.
/// </para>
/// <para>
/// On AWS every request writes its own atomic update and every read goes to the store: a Lambda instance is frozen
/// between invocations, so a delta or a total kept in memory could wait indefinitely or go stale.
/// </para>
/// </summary>
public sealed partial class UsageRecorder(IUsageStore usage, bool coalesce, TimeProvider time, ILogger<UsageRecorder> logger)
    : BackgroundService, IUsageStore
{
    public static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(50);
    public static readonly TimeSpan ReadInterval = TimeSpan.FromSeconds(1);

    // Totals of account-months nobody read for this long are dropped (read again on demand).
    private static readonly TimeSpan TallyLifetime = TimeSpan.FromMinutes(1);

    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _storeTurn = new(1, 1);
    private readonly Dictionary<(string AccountId, string Month), Tally> _tallies = [];
    private Dictionary<(string AccountId, string Month), UsageDelta> _pending = [];

    public bool Coalesce => coalesce;

    /// <summary>Adds one request's usage: queued for the next flush, or written now when not coalescing.</summary>
    public Task RecordAsync(string accountId, string month, UsageDelta delta)
    {
        if (!coalesce)
        {
            return WriteAsync(accountId, month, delta);
        }
        lock (_gate)
        {
            var key = (accountId, month);
            _pending[key] = _pending.TryGetValue(key, out var sum) ? Add(sum, delta) : delta;
            if (_tallies.TryGetValue(key, out var tally))
            {
                tally.SinceRead = Add(tally.SinceRead, delta);
            }
        }
        return Task.CompletedTask;
    }

    Task IUsageStore.AddAsync(string accountId, string month, UsageDelta delta, CancellationToken cancellationToken) =>
        RecordAsync(accountId, month, delta);

    /// <summary>The month's counters including this process's requests that are not written yet.</summary>
    public async Task<UsageCounters> GetAsync(string accountId, string month, CancellationToken cancellationToken = default)
    {
        if (!coalesce)
        {
            return await usage.GetAsync(accountId, month, cancellationToken);
        }
        var key = (accountId, month);
        if (TryReadFresh(key) is { } fresh)
        {
            return fresh;
        }

        await _storeTurn.WaitAsync(cancellationToken);
        try
        {
            if (TryReadFresh(key) is { } refreshed)
            {
                return refreshed;
            }
            var stored = await usage.GetAsync(accountId, month, cancellationToken);
            lock (_gate)
            {
                // No flush runs while this turn is held: what is still pending is exactly what the store lacks.
                var tally = new Tally(stored, _pending.GetValueOrDefault(key), time.GetTimestamp());
                _tallies[key] = tally;
                return tally.Total();
            }
        }
        finally
        {
            _storeTurn.Release();
        }
    }

    /// <summary>Writes everything queued so far.</summary>
    public async Task FlushAsync()
    {
        await _storeTurn.WaitAsync();
        try
        {
            Dictionary<(string AccountId, string Month), UsageDelta> batch;
            lock (_gate)
            {
                DropIdleTallies();
                if (_pending.Count == 0)
                {
                    return;
                }
                batch = _pending;
                _pending = [];
            }
            foreach (var ((accountId, month), delta) in batch)
            {
                await WriteAsync(accountId, month, delta);
            }
        }
        finally
        {
            _storeTurn.Release();
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        // Requests that completed before the host stopped are counted.
        await FlushAsync();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!coalesce)
        {
            return;
        }
        using var timer = new PeriodicTimer(FlushInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await FlushAsync();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: StopAsync flushes what is left.
        }
    }

    private UsageCounters? TryReadFresh((string AccountId, string Month) key)
    {
        lock (_gate)
        {
            if (!_tallies.TryGetValue(key, out var tally))
            {
                return null;
            }
            var now = time.GetTimestamp();
            if (time.GetElapsedTime(tally.ReadAt, now) >= ReadInterval)
            {
                return null;
            }
            tally.LastUsed = now;
            return tally.Total();
        }
    }

    private void DropIdleTallies()
    {
        var now = time.GetTimestamp();
        foreach (var (key, tally) in _tallies)
        {
            if (time.GetElapsedTime(tally.LastUsed, now) > TallyLifetime)
            {
                _tallies.Remove(key);
            }
        }
    }

    private async Task WriteAsync(string accountId, string month, UsageDelta delta)
    {
        try
        {
            await usage.AddAsync(accountId, month, delta, CancellationToken.None);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The responses are already sent; a lost count must not turn into an error anyone sees.
            LogUsageLost(logger, exception, accountId, month, delta.Requests);
        }
    }

    private static UsageDelta Add(UsageDelta a, UsageDelta b) =>
        new(a.Requests + b.Requests, a.Transformations + b.Transformations, a.BytesServed + b.BytesServed, a.CacheHits + b.CacheHits);

    [LoggerMessage(Level = LogLevel.Error, Message = "Usage of {AccountId} for {Month} ({Requests} requests) was not recorded")]
    private static partial void LogUsageLost(ILogger logger, Exception exception, string accountId, string month, long requests);

    /// <summary>The store's counters as read at <see cref="ReadAt"/> (a <see cref="TimeProvider"/> timestamp) and what
    /// this process recorded since.</summary>
    private sealed class Tally(UsageCounters stored, UsageDelta sinceRead, long readAt)
    {
        public long ReadAt { get; } = readAt;

        public long LastUsed { get; set; } = readAt;

        public UsageDelta SinceRead { get; set; } = sinceRead;

        public UsageCounters Total() => stored with
        {
            Requests = stored.Requests + SinceRead.Requests,
            Transformations = stored.Transformations + SinceRead.Transformations,
            BytesServed = stored.BytesServed + SinceRead.BytesServed,
            CacheHits = stored.CacheHits + SinceRead.CacheHits,
        };
    }
}
