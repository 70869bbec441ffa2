namespace ImageService.Core.Imaging;

/// <summary>A slot of the <see cref="RenderGate"/>, held while a render runs; disposing it frees the slot.</summary>
public sealed class RenderLease : IDisposable
{
    private SemaphoreSlim? _slots;

    internal RenderLease(SemaphoreSlim slots) => _slots = slots;

    public void Dispose() => Interlocked.Exchange(ref _slots, null)?.Release();
}
