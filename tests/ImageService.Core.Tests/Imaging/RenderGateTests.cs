using ImageService.Core.Imaging;
using Microsoft.Extensions.Time.Testing;

namespace ImageService.Core.Tests.Imaging;

public class RenderGateTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task TheRenderBeyondTheBoundWaitsUntilASlotFrees()
    {
        using var gate = new RenderGate(maxConcurrent: 2, maxQueued: 4, TimeSpan.FromSeconds(10), new FakeTimeProvider());
        var first = await gate.EnterAsync(None);
        var second = await gate.EnterAsync(None);

        var third = gate.EnterAsync(None).AsTask();

        await Task.Delay(50);
        Assert.False(third.IsCompleted);
        Assert.Equal((2, 1), (gate.InFlight, gate.Waiting));
        first.Dispose();
        using (await third.WaitAsync(TimeSpan.FromSeconds(5)))
        {
            Assert.Equal((2, 0), (gate.InFlight, gate.Waiting));
        }
        second.Dispose();
        Assert.Equal(0, gate.InFlight);
    }

    [Fact]
    public async Task WaitersGetSlotsInTheOrderTheyCame()
    {
        using var gate = new RenderGate(1, 4, TimeSpan.FromSeconds(10), new FakeTimeProvider());
        var holder = await gate.EnterAsync(None);
        var order = new List<int>();
        var waiters = Enumerable.Range(1, 3).Select(async n =>
        {
            using var lease = await gate.EnterAsync(None);
            lock (order)
            {
                order.Add(n);
            }
        }).ToArray();

        holder.Dispose();
        await Task.WhenAll(waiters).WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal([1, 2, 3], order);
    }

    [Fact]
    public async Task ARenderIsRefusedAtOnceWhenTheQueueIsFull()
    {
        using var gate = new RenderGate(1, 1, TimeSpan.FromSeconds(10), new FakeTimeProvider());
        using var running = await gate.EnterAsync(None);
        var queued = gate.EnterAsync(None).AsTask();

        var refused = await Assert.ThrowsAsync<RenderCapacityExceededException>(() => gate.EnterAsync(None).AsTask());

        Assert.Contains("1 are waiting", refused.Message, StringComparison.Ordinal);
        Assert.False(queued.IsCompleted);
        Assert.Equal(1, gate.Waiting);
    }

    [Fact]
    public async Task AWaitLongerThanTheTimeoutIsRefusedAndLeavesTheQueue()
    {
        var time = new FakeTimeProvider();
        using var gate = new RenderGate(1, 4, TimeSpan.FromSeconds(10), time);
        using var running = await gate.EnterAsync(None);
        var waiting = gate.EnterAsync(None).AsTask();

        time.Advance(TimeSpan.FromSeconds(9));
        await Task.Delay(50);
        Assert.False(waiting.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));

        await Assert.ThrowsAsync<RenderCapacityExceededException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal((1, 0), (gate.InFlight, gate.Waiting));
    }

    [Fact]
    public async Task ACallerCancellingItsWaitGetsACancellationNotARefusal()
    {
        using var gate = new RenderGate(1, 4, TimeSpan.FromSeconds(10), new FakeTimeProvider());
        using var running = await gate.EnterAsync(None);
        using var aborted = new CancellationTokenSource();
        var waiting = gate.EnterAsync(aborted.Token).AsTask();

        await aborted.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(0, gate.Waiting);
    }

    [Fact]
    public async Task DisposingALeaseTwiceFreesOneSlot()
    {
        using var gate = new RenderGate(2, 0, TimeSpan.Zero, new FakeTimeProvider());
        var lease = await gate.EnterAsync(None);
        using var other = await gate.EnterAsync(None);

        lease.Dispose();
        lease.Dispose();

        Assert.Equal(1, gate.InFlight);
    }

    [Theory]
    [InlineData(0, 0, 1)]
    [InlineData(1, -1, 1)]
    [InlineData(1, 0, -1)]
    public void NonsenseBoundsAreRefused(int maxConcurrent, int maxQueued, int waitSeconds) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new RenderGate(maxConcurrent, maxQueued, TimeSpan.FromSeconds(waitSeconds), TimeProvider.System));
}
