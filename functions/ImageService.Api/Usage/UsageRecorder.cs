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
/// between invocations, so a delta or a total kept in memory could wait indefinitely or go stale. (The backend decides:
/// <see cref="UsageWritePolicy"/>.)
/// </para>
/// <para>
/// A delta is never dropped on a store error: a write that fails puts its delta back with the pending ones (reads keep
/// counting it), the next tick of the timer writes it again, and the host's stop flushes what is left. A write that
/// failed after the store applied it is counted twice: usage errs towards the customer seeing every request. The
/// timer comes from the injected <see cref="TimeProvider"/>.
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

    /// <summary>Adds one request's usage: queued for the next flush, or written now when not coalescing (and queued
    /// for the next flush if that write fails).</summary>
    public async Task RecordAsync(string accountId, string month, UsageDelta delta)
    {
        if (!coalesce)
        {
            await WriteOrKeepAsync(accountId, month, delta);
            return;
        }
        lock (_gate)
        {
            var key = (accountId, month);
            Keep(key, delta);
            if (_tallies.TryGetValue(key, out var tally))
            {
                tally.SinceRead = Add(tally.SinceRead, delta);
            }
        }
    }

    Task IUsageStore.AddAsync(string accountId, string month, UsageDelta delta, CancellationToken cancellationToken) =>
        RecordAsync(accountId, month, delta);

    /// <summary>The month's counters including this process's requests that are not written yet.</summary>
    public async Task<UsageCounters> GetAsync(string accountId, string month, CancellationToken cancellationToken = default)
    {
        var key = (accountId, month);
        if (!coalesce)
        {
            return await ReadThroughAsync(key, cancellationToken);
        }
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

    /// <summary>Writes everything queued so far; what the store refuses stays queued. True when nothing is left.</summary>
    public async Task<bool> FlushAsync()
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
                    return true;
                }
                batch = _pending;
                _pending = [];
            }
            var written = true;
            foreach (var ((accountId, month), delta) in batch)
            {
                written &= await WriteOrKeepAsync(accountId, month, delta);
            }
            return written;
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
        if (!await FlushAsync())
        {
            lock (_gate)
            {
                foreach (var ((accountId, month), delta) in _pending)
                {
                    LogUsageLost(logger, accountId, month, delta.Requests);
                }
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Not coalescing, the timer only retries writes that failed.
        using var timer = new PeriodicTimer(FlushInterval, time);
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

    /// <summary>Not coalescing: the store's counters plus what failed to be written and waits for the next flush.</summary>
    private async Task<UsageCounters> ReadThroughAsync((string AccountId, string Month) key, CancellationToken cancellationToken)
    {
        bool anyPending;
        lock (_gate)
        {
            anyPending = _pending.Count > 0;
        }
        if (!anyPending)
        {
            return await usage.GetAsync(key.AccountId, key.Month, cancellationToken);
        }
        await _storeTurn.WaitAsync(cancellationToken);
        try
        {
            var stored = await usage.GetAsync(key.AccountId, key.Month, cancellationToken);
            lock (_gate)
            {
                // No flush runs while this turn is held: what is pending is exactly what the store lacks.
                return new Tally(stored, _pending.GetValueOrDefault(key), 0).Total();
            }
        }
        finally
        {
            _storeTurn.Release();
        }
    }

    /// <summary>Writes the delta; on a store error it goes back to the pending deltas for the next flush.</summary>
    private async Task<bool> WriteOrKeepAsync(string accountId, string month, UsageDelta delta)
    {
        try
        {
            await usage.AddAsync(accountId, month, delta, CancellationToken.None);
            return true;
        }
        catch (Exception exception)
        {
            // The responses are already sent: the count waits in memory (reads include it) and is written again.
            LogUsageKept(logger, exception, accountId, month, delta.Requests);
            lock (_gate)
            {
                Keep((accountId, month), delta);
            }
            return false;
        }
    }

    // Under _gate.
    private void Keep((string AccountId, string Month) key, UsageDelta delta) =>
        _pending[key] = _pending.TryGetValue(key, out var sum) ? Add(sum, delta) : delta;

    private static UsageDelta Add(UsageDelta a, UsageDelta b) =>
        new(a.Requests + b.Requests, a.Transformations + b.Transformations, a.BytesServed + b.BytesServed, a.CacheHits + b.CacheHits);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Usage of {AccountId} for {Month} ({Requests} requests) could not be written; kept in memory and written again")]
    private static partial void LogUsageKept(ILogger logger, Exception exception, string accountId, string month, long requests);

    [LoggerMessage(Level = LogLevel.Error, Message = "Usage of {AccountId} for {Month} ({Requests} requests) was not recorded before the process stopped")]
    private static partial void LogUsageLost(ILogger logger, string accountId, string month, long requests);

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
