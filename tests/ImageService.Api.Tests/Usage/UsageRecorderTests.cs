using ImageService.Api.Usage;
using ImageService.Core.Usage;
using ImageService.Storage.Local;
using ImageService.Storage.Local.Accounts;
using Microsoft.Extensions.Logging.Abstractions;

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

    public void Dispose()
    {
        _recorder.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
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
