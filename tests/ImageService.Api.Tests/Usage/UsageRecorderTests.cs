using ImageService.Api.Usage;
using ImageService.Core.Usage;
using ImageService.Storage.Local;
using ImageService.Storage.Local.Accounts;
using ImageService.Core.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ImageService.Api.Tests.Usage;

/// <summary>The embedded backend's usage as the quota check and /usage see it: the store's counters plus this process's
/// requests that are not written yet, with another process's writes visible within a second.</summary>
public sealed class UsageRecorderTests : IDisposable
{
    private const string Month = "2026-11";
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "usage-recorder-" + Guid.NewGuid().ToString("N"));
    private readonly SqliteUsageStore _store;
    private readonly SteppedClock _clock = new();
    private readonly UsageRecorder _recorder;

    public UsageRecorderTests()
    {
        _store = new SqliteUsageStore(new LocalStorageOptions { DataDirectory = _directory });
        _recorder = new UsageRecorder(_store, coalesce: true, _clock, NullLogger<UsageRecorder>.Instance);
    }

    [Fact]
    public async Task Reads_count_requests_before_they_are_written_and_not_twice_after()
    {
        await _recorder.GetAsync("acct", Month);
        for (var i = 0; i < 3; i++)
        {
            await _recorder.RecordAsync("acct", Month, UsageDelta.ForDelivery(100, rendered: i == 0));
        }

        var beforeFlush = await _recorder.GetAsync("acct", Month);
        var storedBeforeFlush = await _store.GetAsync("acct", Month);
        await _recorder.FlushAsync();
        var afterFlush = await _recorder.GetAsync("acct", Month);
        _clock.Advance(UsageRecorder.ReadInterval);
        var afterReread = await _recorder.GetAsync("acct", Month);

        Assert.Equal((3L, 1L, 300L, 2L), (beforeFlush.Requests, beforeFlush.Transformations, beforeFlush.BytesServed, beforeFlush.CacheHits));
        Assert.Equal(0, storedBeforeFlush.Requests);
        Assert.Equal(beforeFlush, afterFlush);
        Assert.Equal(beforeFlush, afterReread);
        Assert.Equal(beforeFlush, await _store.GetAsync("acct", Month));
    }

    [Fact]
    public async Task Another_process_writes_show_once_the_read_is_a_second_old()
    {
        await _recorder.RecordAsync("acct", Month, UsageDelta.RequestOnly);
        Assert.Equal(1, (await _recorder.GetAsync("acct", Month)).Requests);

        // Another process on the same data directory.
        await _store.AddAsync("acct", Month, new UsageDelta(10, 0, 0, 0));
        var withinTheSecond = await _recorder.GetAsync("acct", Month);
        _clock.Advance(UsageRecorder.ReadInterval);
        var afterTheSecond = await _recorder.GetAsync("acct", Month);

        Assert.Equal(1, withinTheSecond.Requests);
        Assert.Equal(11, afterTheSecond.Requests);
    }

    [Fact]
    public async Task Counts_stay_exact_while_flushes_and_rereads_interleave_with_200_concurrent_requests()
    {
        using var stop = new CancellationTokenSource();
        var background = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await _recorder.FlushAsync();
                _clock.Advance(UsageRecorder.ReadInterval);
                await _recorder.GetAsync("acct", Month);
            }
        });

        await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(async () =>
        {
            await _recorder.RecordAsync("acct", Month, UsageDelta.ForDelivery(i, rendered: false));
            await _recorder.GetAsync("acct", Month);
        })));
        await stop.CancelAsync();
        await background;
        await _recorder.FlushAsync();
        _clock.Advance(UsageRecorder.ReadInterval);

        var expected = (200L, 0L, Enumerable.Range(0, 200).Sum(i => (long)i), 200L);
        var stored = await _store.GetAsync("acct", Month);
        var read = await _recorder.GetAsync("acct", Month);
        Assert.Equal(expected, (stored.Requests, stored.Transformations, stored.BytesServed, stored.CacheHits));
        Assert.Equal(expected, (read.Requests, read.Transformations, read.BytesServed, read.CacheHits));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Deltas_survive_a_store_that_fails_twice_and_are_written_exactly_once_by_the_timer(bool coalesce)
    {
        var time = new FakeTimeProvider();
        var flaky = new FlakyUsageStore(_store, failures: 2);
        using var recorder = new UsageRecorder(flaky, coalesce, time, NullLogger<UsageRecorder>.Instance);
        await recorder.StartAsync(default);

        for (var i = 0; i < 3; i++)
        {
            await recorder.RecordAsync("acct", Month, UsageDelta.ForDelivery(100, rendered: i == 0));
        }
        await flaky.NextCallAsync(time); // the first refusal (coalescing: of the first flush)
        var whileFailing = await recorder.GetAsync("acct", Month);
        // Each tick of the fake clock writes what is pending again: a second refusal, then success.
        while ((await _store.GetAsync("acct", Month)).Requests < 3)
        {
            await flaky.NextCallAsync(time);
        }
        await recorder.StopAsync(default);

        var expected = (3L, 1L, 300L, 2L);
        var stored = await _store.GetAsync("acct", Month);
        Assert.Equal(expected, (whileFailing.Requests, whileFailing.Transformations, whileFailing.BytesServed, whileFailing.CacheHits));
        Assert.Equal(expected, (stored.Requests, stored.Transformations, stored.BytesServed, stored.CacheHits));
        Assert.Equal(2, flaky.Failures);
    }

    [Fact]
    public async Task Stopping_flushes_what_the_timer_has_not_written_yet()
    {
        var time = new FakeTimeProvider();
        using var recorder = new UsageRecorder(_store, coalesce: true, time, NullLogger<UsageRecorder>.Instance);
        await recorder.StartAsync(default);

        await recorder.RecordAsync("acct", Month, UsageDelta.ForDelivery(7, rendered: true));
        var beforeStop = await _store.GetAsync("acct", Month);
        await recorder.StopAsync(default);

        var afterStop = await _store.GetAsync("acct", Month);
        Assert.Equal(0, beforeStop.Requests);
        Assert.Equal((1L, 1L, 7L), (afterStop.Requests, afterStop.Transformations, afterStop.BytesServed));
    }

    public void Dispose()
    {
        _recorder.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>Refuses its first <c>failures</c> writes as an unavailable store would; reports every write.</summary>
    private sealed class FlakyUsageStore(IUsageStore inner, int failures) : IUsageStore
    {
        private readonly System.Threading.Channels.Channel<int> _calls = System.Threading.Channels.Channel.CreateUnbounded<int>();
        private int _count;

        public int Failures => Math.Min(Volatile.Read(ref _count), failures);

        public async Task AddAsync(string accountId, string month, UsageDelta delta, CancellationToken cancellationToken = default)
        {
            try
            {
                if (Interlocked.Increment(ref _count) <= failures)
                {
                    throw new StorageUnavailableException("The accounts database is unavailable.");
                }
                await inner.AddAsync(accountId, month, delta, cancellationToken);
            }
            finally
            {
                _calls.Writer.TryWrite(0);
            }
        }

        public Task<UsageCounters> GetAsync(string accountId, string month, CancellationToken cancellationToken = default) =>
            inner.GetAsync(accountId, month, cancellationToken);

        /// <summary>Moves the fake clock a flush interval at a time until the next write attempt. Real time only bounds
        /// the wait: the recorder's loop runs on the thread pool, so each step yields briefly for it to reach its timer.</summary>
        public async Task NextCallAsync(FakeTimeProvider time)
        {
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (!_calls.Reader.TryRead(out _))
            {
                Assert.True(DateTime.UtcNow < deadline, "no write came");
                time.Advance(UsageRecorder.FlushInterval);
                await Task.Delay(2);
            }
        }
    }

    /// <summary>Timestamps that move only when the test moves them.</summary>
    private sealed class SteppedClock : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Interlocked.Read(ref _ticks);

        public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
    }
}
