using ImageService.Core.Usage;

namespace ImageService.Api.Delivery;

/// <summary>
/// Writes the usage of delivery requests after their responses. On the embedded backend (<see cref="Coalesce"/>) the
/// deltas of all requests are summed per account and month and written every <see cref="FlushInterval"/> (and when the
/// host stops), so a burst of requests costs one SQLite write per account instead of one each; the counters are exact
/// once a flush has run, about 50 ms after the requests. On AWS every request writes its own atomic update: a Lambda
/// instance is frozen between invocations, so a delta kept in memory could wait indefinitely or be lost with the instance.
/// </summary>
public sealed partial class UsageRecorder(IUsageStore usage, bool coalesce, ILogger<UsageRecorder> logger) : BackgroundService
{
    public static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(50);

    private readonly Lock _gate = new();
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
            _pending[(accountId, month)] = _pending.TryGetValue((accountId, month), out var sum)
                ? new UsageDelta(sum.Requests + delta.Requests, sum.Transformations + delta.Transformations,
                    sum.BytesServed + delta.BytesServed, sum.CacheHits + delta.CacheHits)
                : delta;
        }
        return Task.CompletedTask;
    }

    /// <summary>Writes everything queued so far.</summary>
    public async Task FlushAsync()
    {
        Dictionary<(string AccountId, string Month), UsageDelta> batch;
        lock (_gate)
        {
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

    [LoggerMessage(Level = LogLevel.Error, Message = "Usage of {AccountId} for {Month} ({Requests} requests) was not recorded")]
    private static partial void LogUsageLost(ILogger logger, Exception exception, string accountId, string month, long requests);
}
