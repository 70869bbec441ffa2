using System.Collections.Concurrent;
using System.Globalization;
using ImageService.Core.Storage;
using Polly;
using Polly.Retry;

namespace ImageService.Api.Images;

/// <summary>
/// CDN purges that are never lost. A purge is tried at once (so a delete's response usually follows a done purge);
/// one that fails is recorded in the backend's store (<see cref="IPendingPurgeStore"/>) and retried in the background
/// with exponential backoff (a Polly retry pipeline on the injected <see cref="TimeProvider"/>) until the CDN takes
/// it, then forgotten. At start every recorded purge is resumed, so a restart (or another Lambda instance) finishes what
/// a stopped process left. Each failed attempt is logged with the paths and the attempt number. A purge may run more
/// than once (two instances resuming the same record, or a crash after the CDN took it): invalidations are idempotent.
/// </summary>
public sealed partial class CdnPurges(ICdnInvalidator cdn, IPendingPurgeStore pending, TimeProvider time, ILogger<CdnPurges> logger)
    : BackgroundService
{
    /// <summary>The first retry waits this long; each next one twice as long, up to <see cref="MaxRetryDelay"/>.</summary>
    public static readonly TimeSpan FirstRetryDelay = TimeSpan.FromSeconds(2);

    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, Lazy<Task>> _running = new(StringComparer.Ordinal);
    // Never disposed: the host may dispose this service before it stops it, and a token source without a timer holds
    // nothing to release.
    private readonly CancellationTokenSource _stopping = new();
    private readonly ResiliencePipeline _retry = BuildRetry(time);

    /// <summary>Purges <paramref name="paths"/> now; if the CDN refuses, the purge is recorded and retried until it succeeds.
    /// Never throws for a CDN or store failure: the change that asked for the purge is done already.</summary>
    public async Task PurgeAsync(IReadOnlyCollection<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        if (paths.Count == 0)
        {
            return;
        }
        try
        {
            await cdn.InvalidateAsync(paths, CancellationToken.None).ConfigureAwait(false);
            return;
        }
        catch (Exception ex)
        {
            // Any failure, a client time-out included: nothing cancelled this call.
            LogAttemptFailed(logger, ex, paths, 1);
        }

        var purge = new PendingPurge(NewId(), [.. paths], time.GetUtcNow(), Attempts: 1);
        // Claimed before it is recorded: the start-up resume listing the store at this moment must not retry it at
        // once beside this process's own retry (it skips ids already running).
        var retry = Reserve(purge, waitFirst: true);
        try
        {
            await pending.AddAsync(purge, CancellationToken.None).ConfigureAwait(false);
            LogRecorded(logger, purge.Id, purge.Paths);
        }
        catch (Exception ex)
        {
            // Still retried by this process; only a restart before it succeeds would lose it.
            LogNotRecorded(logger, ex, purge.Paths);
        }
        _ = retry?.Value;
    }

    /// <summary>Waits until every purge this process is retrying has succeeded (or the process stops).</summary>
    public Task WhenIdleAsync() => Task.WhenAll(_running.Values.Select(retry => retry.Value));

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        // The retries end at their next wait; what is left stays recorded for the next start.
        await WhenIdleAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, _stopping.Token);
        IReadOnlyList<PendingPurge> left;
        try
        {
            left = await _retry.ExecuteAsync(async token => await pending.ListAsync(token).ConfigureAwait(false), linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (linked.IsCancellationRequested)
        {
            return;
        }
        foreach (var purge in left)
        {
            LogResumed(logger, purge.Id, purge.Paths, purge.Attempts);
            Start(purge, waitFirst: false);
        }
    }

    private static ResiliencePipeline BuildRetry(TimeProvider time) => new ResiliencePipelineBuilder { TimeProvider = time }
        .AddRetry(new RetryStrategyOptions
        {
            // Every failure but the process stopping (a client time-out is an OperationCanceledException too).
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is not null && !args.Context.CancellationToken.IsCancellationRequested),
            MaxRetryAttempts = int.MaxValue,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = false,
            Delay = FirstRetryDelay,
            MaxDelay = MaxRetryDelay,
        })
        .Build();

    private void Start(PendingPurge purge, bool waitFirst) => _ = Reserve(purge, waitFirst)?.Value;

    /// <summary>Claims the purge's retry for this process; null when it is already claimed (or the process stops).
    /// Lazy: a purge resumed at start and recorded by this process at the same moment runs once.</summary>
    private Lazy<Task>? Reserve(PendingPurge purge, bool waitFirst)
    {
        if (_stopping.IsCancellationRequested)
        {
            return null;
        }
        var retry = new Lazy<Task>(() => Task.Run(() => RetryAsync(purge, waitFirst)));
        return _running.TryAdd(purge.Id, retry) ? retry : null;
    }

    private async Task RetryAsync(PendingPurge purge, bool waitFirst)
    {
        var attempts = purge.Attempts;
        var token = _stopping.Token;
        try
        {
            if (waitFirst)
            {
                await Task.Delay(FirstRetryDelay, time, token).ConfigureAwait(false);
            }
            await _retry.ExecuteAsync(async ct =>
            {
                try
                {
                    await cdn.InvalidateAsync(purge.Paths, ct).ConfigureAwait(false);
                }
                catch (Exception ex) when (!ct.IsCancellationRequested)
                {
                    attempts++;
                    LogAttemptFailed(logger, ex, purge.Paths, attempts);
                    await RecordAttemptsAsync(purge.Id, attempts).ConfigureAwait(false);
                    throw;
                }
            }, token).ConfigureAwait(false);
            LogSucceeded(logger, purge.Id, purge.Paths, attempts + 1);
            await RemoveAsync(purge.Id).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Stopping: the record stays and the next start resumes it.
        }
        finally
        {
            _running.TryRemove(purge.Id, out _);
        }
    }

    private async Task RecordAttemptsAsync(string id, int attempts)
    {
        try
        {
            await pending.SetAttemptsAsync(id, attempts, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LogStoreFailed(logger, ex, id);
        }
    }

    private async Task RemoveAsync(string id)
    {
        try
        {
            await pending.RemoveAsync(id, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // The purge is done; a leftover record only repeats it after a restart.
            LogStoreFailed(logger, ex, id);
        }
    }

    // Sortable by creation time, unique across processes.
    private string NewId() =>
        time.GetUtcNow().ToUnixTimeMilliseconds().ToString("D13", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N");

    [LoggerMessage(Level = LogLevel.Warning, Message = "CDN purge of {Paths} failed (attempt {Attempt}); it is retried until it succeeds")]
    private static partial void LogAttemptFailed(ILogger logger, Exception exception, IEnumerable<string> paths, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "CDN purge {PurgeId} of {Paths} recorded as pending")]
    private static partial void LogRecorded(ILogger logger, string purgeId, IEnumerable<string> paths);

    [LoggerMessage(Level = LogLevel.Error, Message = "CDN purge of {Paths} could not be recorded; this process retries it, a restart before it succeeds loses it")]
    private static partial void LogNotRecorded(ILogger logger, Exception exception, IEnumerable<string> paths);

    [LoggerMessage(Level = LogLevel.Information, Message = "Resuming pending CDN purge {PurgeId} of {Paths} after {Attempt} failed attempt(s)")]
    private static partial void LogResumed(ILogger logger, string purgeId, IEnumerable<string> paths, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "CDN purge {PurgeId} of {Paths} succeeded on attempt {Attempt}")]
    private static partial void LogSucceeded(ILogger logger, string purgeId, IEnumerable<string> paths, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not update the record of CDN purge {PurgeId}")]
    private static partial void LogStoreFailed(ILogger logger, Exception exception, string purgeId);
}
