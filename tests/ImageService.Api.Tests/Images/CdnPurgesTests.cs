using System.Threading.Channels;
using ImageService.Api.Images;
using ImageService.Core.Storage;
using ImageService.Storage.Local;
using ImageService.Storage.Local.Accounts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ImageService.Api.Tests.Images;

/// <summary>A failed CDN purge is recorded in the backend's store, retried with backoff on the injected clock until it
/// succeeds, and resumed by the next process on the same store.</summary>
public sealed class CdnPurgesTests : IDisposable
{
    private static readonly string[] Paths = ["/pk_a/img_1*", "/img_1*"];

    private readonly string _directory = Directory.CreateTempSubdirectory("cdn-purges-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));

    private SqlitePendingPurgeStore NewStore() => new(new LocalStorageOptions { DataDirectory = _directory });

    private CdnPurges NewPurges(ICdnInvalidator cdn, IPendingPurgeStore store, ILogger<CdnPurges>? logger = null) =>
        new(cdn, store, _time, logger ?? NullLogger<CdnPurges>.Instance);

    [Fact]
    public async Task A_purge_the_cdn_refuses_three_times_is_recorded_retried_with_backoff_and_forgotten_once_done()
    {
        var store = NewStore();
        var cdn = new FlakyInvalidator(_time, failures: 3);
        using var purges = NewPurges(cdn, store);
        await purges.StartAsync(default);

        await purges.PurgeAsync(Paths);
        var recorded = await store.ListAsync();
        var calls = new List<(DateTimeOffset At, string[] Paths)> { await cdn.Calls.Reader.ReadAsync() };
        for (var i = 0; i < 3; i++)
        {
            calls.Add(await NextCallAsync(cdn));
        }
        await purges.WhenIdleAsync();

        var purge = Assert.Single(recorded);
        Assert.Equal(Paths, purge.Paths);
        Assert.Equal(1, purge.Attempts);
        Assert.All(calls, call => Assert.Equal(Paths, call.Paths));
        // Backoff on the fake clock: 2 s before the first retry, then 2 s and 4 s (exponential from 2 s).
        Assert.True(calls[1].At - calls[0].At >= TimeSpan.FromSeconds(2), $"first retry after {calls[1].At - calls[0].At}");
        Assert.True(calls[2].At - calls[1].At >= TimeSpan.FromSeconds(2), $"second retry after {calls[2].At - calls[1].At}");
        Assert.True(calls[3].At - calls[2].At >= TimeSpan.FromSeconds(4), $"third retry after {calls[3].At - calls[2].At}");
        Assert.Empty(await store.ListAsync());
        Assert.False(cdn.Calls.Reader.TryRead(out _));
    }

    [Fact]
    public async Task Failed_attempts_are_counted_in_the_record_and_logged_with_the_paths_while_the_cdn_keeps_refusing()
    {
        var store = NewStore();
        var cdn = new FlakyInvalidator(_time, failures: int.MaxValue);
        var log = new ListLogger();
        using var purges = NewPurges(cdn, store, log);
        await purges.StartAsync(default);

        await purges.PurgeAsync(Paths);
        await cdn.Calls.Reader.ReadAsync();
        await NextCallAsync(cdn);
        await NextCallAsync(cdn);
        await purges.StopAsync(default);

        var purge = Assert.Single(await store.ListAsync());
        Assert.Equal(Paths, purge.Paths);
        Assert.Equal(3, purge.Attempts);
        var failures = log.Entries.Where(e => e.Level == LogLevel.Warning).ToList();
        Assert.Equal(new[] { 1, 2, 3 }, failures.Select(e => (int)e.State["Attempt"]!));
        Assert.All(failures, e => Assert.Equal(Paths, (IEnumerable<string>)e.State["Paths"]!));
        Assert.Contains(log.Entries, e => e.Level == LogLevel.Information && Equals(e.State.GetValueOrDefault("PurgeId"), purge.Id));
    }

    [Fact]
    public async Task A_purge_pending_when_the_process_stopped_is_resumed_by_the_next_one_on_the_same_store()
    {
        var failing = new FlakyInvalidator(_time, failures: int.MaxValue);
        using (var first = NewPurges(failing, NewStore()))
        {
            await first.StartAsync(default);
            await first.PurgeAsync(Paths);
            await first.StopAsync(default);
        }

        var working = new FlakyInvalidator(_time, failures: 0);
        using var second = NewPurges(working, NewStore());
        await second.StartAsync(default);
        var resumed = await working.Calls.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        await second.WhenIdleAsync();

        Assert.Equal(Paths, resumed.Paths);
        Assert.Empty(await NewStore().ListAsync());
    }

    [Fact]
    public async Task A_purge_the_cdn_takes_at_once_leaves_no_record()
    {
        var store = NewStore();
        var cdn = new FlakyInvalidator(_time, failures: 0);
        using var purges = NewPurges(cdn, store);

        await purges.PurgeAsync(Paths);

        Assert.Equal(Paths, (await cdn.Calls.Reader.ReadAsync()).Paths);
        Assert.Empty(await store.ListAsync());
    }

    /// <summary>Moves the fake clock in small steps until the retry calls the CDN again. Real time only bounds the wait
    /// (the retry runs on the thread pool, so each step yields briefly for it to reach its next timer).</summary>
    private async Task<(DateTimeOffset At, string[] Paths)> NextCallAsync(FlakyInvalidator cdn)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (cdn.Calls.Reader.TryRead(out var call))
            {
                return call;
            }
            _time.Advance(TimeSpan.FromMilliseconds(250));
            await Task.Delay(2);
        }
        throw new TimeoutException("The purge was not retried.");
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>Keeps every entry's level and structured values (the message template's named holes).</summary>
    private sealed class ListLogger : ILogger<CdnPurges>
    {
        public System.Collections.Concurrent.ConcurrentQueue<(LogLevel Level, Dictionary<string, object?> State)> Entries { get; } = new();

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Enqueue((logLevel, state is IEnumerable<KeyValuePair<string, object?>> values
                ? values.ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal)
                : []));
    }

    /// <summary>Fails its first <c>failures</c> calls; every call is reported with the fake time it happened at.</summary>
    private sealed class FlakyInvalidator(TimeProvider time, int failures) : ICdnInvalidator
    {
        private int _calls;

        public Channel<(DateTimeOffset At, string[] Paths)> Calls { get; } = Channel.CreateUnbounded<(DateTimeOffset, string[])>();

        public Task InvalidateAsync(IReadOnlyCollection<string> paths, CancellationToken cancellationToken = default)
        {
            var call = Interlocked.Increment(ref _calls);
            Calls.Writer.TryWrite((time.GetUtcNow(), paths.ToArray()));
            return call <= failures ? Task.FromException(new StorageUnavailableException("CloudFront is down.")) : Task.CompletedTask;
        }
    }
}
