namespace ImageService.Core.Imaging;

/// <summary>
/// Bounds the renders one process runs at once (upload renditions and transforms alike). A render decodes a whole
/// source frame into native memory (a 2560x1600 JPEG: 12 MB, plus the resized copy and the encoders' buffers), so
/// resident memory follows the number of renders in flight; beyond the cores there is no throughput left to gain,
/// only memory and latency for everyone. Extra renders wait in order; the wait is bounded in length and in time, and
/// a render that cannot get a slot fails with <see cref="RenderCapacityExceededException"/> (the API: 503 with
/// Retry-After) instead of piling up. A Lambda instance serves one request at a time, so there it never waits.
/// </summary>
public sealed class RenderGate : IDisposable
{
    private readonly SemaphoreSlim _slots;
    private readonly TimeProvider _time;
    private int _waiting;

    /// <param name="maxConcurrent">Renders at once (at least 1).</param>
    /// <param name="maxQueued">Renders that may wait for a slot; one more is refused at once (0: none wait).</param>
    /// <param name="maxWait">Longest wait for a slot before the render is refused.</param>
    /// <param name="time">The clock the wait is measured on.</param>
    public RenderGate(int maxConcurrent, int maxQueued, TimeSpan maxWait, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConcurrent, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(maxQueued);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxWait, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(time);
        MaxConcurrent = maxConcurrent;
        MaxQueued = maxQueued;
        MaxWait = maxWait;
        _time = time;
        _slots = new SemaphoreSlim(maxConcurrent, maxConcurrent);
    }

    public int MaxConcurrent { get; }

    public int MaxQueued { get; }

    public TimeSpan MaxWait { get; }

    /// <summary>Renders holding a slot now.</summary>
    public int InFlight => MaxConcurrent - _slots.CurrentCount;

    /// <summary>Renders waiting for a slot now.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>Waits for a slot; dispose the lease when the render's native work is done. Throws
    /// <see cref="RenderCapacityExceededException"/> when <see cref="MaxQueued"/> renders already wait or no slot
    /// frees within <see cref="MaxWait"/>.</summary>
    public async ValueTask<RenderLease> EnterAsync(CancellationToken cancellationToken)
    {
        if (_slots.Wait(0, CancellationToken.None))
        {
            return new RenderLease(_slots);
        }
        if (Interlocked.Increment(ref _waiting) > MaxQueued)
        {
            Interlocked.Decrement(ref _waiting);
            throw new RenderCapacityExceededException(
                $"{MaxConcurrent} renders are running and {MaxQueued} are waiting; retry later.");
        }
        try
        {
            // The clock is the injected one (tests move it), so the timeout is a token rather than WaitAsync(TimeSpan).
            using var timeout = new CancellationTokenSource(MaxWait, _time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            try
            {
                await _slots.WaitAsync(linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new RenderCapacityExceededException(
                    $"No render slot freed within {MaxWait.TotalSeconds:0.###} s ({MaxConcurrent} renders at once); retry later.");
            }
            return new RenderLease(_slots);
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
    }

    public void Dispose() => _slots.Dispose();
}
