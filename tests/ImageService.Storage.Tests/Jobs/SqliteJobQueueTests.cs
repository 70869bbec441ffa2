using ImageService.Core.Jobs;
using ImageService.Storage.Local;
using ImageService.Storage.Local.Jobs;
using ImageService.Storage.Tests.Accounts;

namespace ImageService.Storage.Tests.Jobs;

/// <summary>The embedded queue's SQS-like semantics, on a clock the tests move (no waiting: receives use wait 0).</summary>
public sealed class SqliteJobQueueTests : IDisposable
{
    private static readonly TimeSpan Visibility = TimeSpan.FromSeconds(30);
    private readonly LocalStorageOptions _options = new() { DataDirectory = Directory.CreateTempSubdirectory("imageservice-queue-").FullName };
    private readonly FixedTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero));
    private readonly SqliteJobQueue _queue;

    public SqliteJobQueueTests() => _queue = new SqliteJobQueue(_options, _clock);

    public void Dispose() => Directory.Delete(_options.DataDirectory, recursive: true);

    [Fact]
    public async Task A_received_message_stays_hidden_until_its_visibility_timeout_then_returns_as_the_next_attempt()
    {
        await _queue.EnqueueAsync([JobMessage.Item("alice", "job_1", "0")]);

        var first = Assert.Single(await ReceiveAsync());
        Assert.Equal(1, first.Attempt);
        Assert.True(JobMessages.TryRead(first.Body, out var body));
        Assert.Equal(JobMessage.Item("alice", "job_1", "0"), body);
        Assert.Empty(await ReceiveAsync());

        _clock.Now += Visibility - TimeSpan.FromMilliseconds(1);
        Assert.Empty(await ReceiveAsync());
        _clock.Now += TimeSpan.FromMilliseconds(1);
        var second = Assert.Single(await ReceiveAsync());
        Assert.Equal((first.MessageId, 2), (second.MessageId, second.Attempt));

        // The first worker's lease has expired: its late ack removes nothing.
        await _queue.AckAsync(first);
        Assert.Equal(1, await _queue.CountAsync());
        await _queue.AckAsync(second);
        Assert.Equal(0, await _queue.CountAsync());
    }

    [Fact]
    public async Task A_retry_waits_its_delay_and_a_deferral_uses_no_attempt()
    {
        await _queue.EnqueueAsync([JobMessage.Item("alice", "job_1", "0")]);
        var first = Assert.Single(await ReceiveAsync());

        await _queue.RetryAsync(first, TimeSpan.FromSeconds(4));
        _clock.Now += TimeSpan.FromSeconds(3);
        Assert.Empty(await ReceiveAsync());
        _clock.Now += TimeSpan.FromSeconds(1);
        var second = Assert.Single(await ReceiveAsync());
        Assert.Equal(2, second.Attempt);

        await _queue.DeferAsync(second, TimeSpan.FromSeconds(10));
        _clock.Now += TimeSpan.FromSeconds(10);
        var third = Assert.Single(await ReceiveAsync());
        Assert.Equal(2, third.Attempt);
    }

    [Fact]
    public async Task A_dead_lettered_message_leaves_the_queue_with_its_reason_and_attempts()
    {
        await _queue.EnqueueAsync([JobMessage.Callback("alice", "job_1")]);
        var received = Assert.Single(await ReceiveAsync());

        await _queue.DeadLetterAsync(received, "gave up");

        Assert.Equal(0, await _queue.CountAsync());
        var letter = Assert.Single(await _queue.ListDeadLettersAsync());
        Assert.Equal((received.MessageId, 1, "gave up", received.Body), (letter.MessageId, letter.Attempts, letter.Reason, letter.Body));
    }

    [Fact]
    public async Task Messages_survive_a_restart_and_an_in_flight_one_returns_after_its_lease()
    {
        await _queue.EnqueueAsync([JobMessage.Item("alice", "job_1", "0"), JobMessage.Item("alice", "job_1", "1")]);
        var inFlight = Assert.Single(await _queue.ReceiveAsync(1, Visibility, TimeSpan.Zero));

        var restarted = new SqliteJobQueue(_options, _clock); // a new process on the same data directory
        var waiting = Assert.Single(await restarted.ReceiveAsync(10, Visibility, TimeSpan.Zero));
        Assert.NotEqual(inFlight.MessageId, waiting.MessageId);
        await restarted.AckAsync(waiting);
        _clock.Now += Visibility;
        var resumed = Assert.Single(await restarted.ReceiveAsync(10, Visibility, TimeSpan.Zero));
        Assert.Equal((inFlight.MessageId, 2), (resumed.MessageId, resumed.Attempt));
    }

    [Fact]
    public async Task A_waiting_receive_wakes_when_a_message_is_enqueued()
    {
        var queue = new SqliteJobQueue(_options, TimeProvider.System);
        var receive = queue.ReceiveAsync(1, Visibility, TimeSpan.FromSeconds(30));
        await Task.Delay(50);
        Assert.False(receive.IsCompleted);

        await queue.EnqueueAsync([JobMessage.Item("alice", "job_1", "0")]);

        var received = await receive.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Single(received);
    }

    private Task<IReadOnlyList<QueuedMessage>> ReceiveAsync() => _queue.ReceiveAsync(10, Visibility, TimeSpan.Zero);
}
