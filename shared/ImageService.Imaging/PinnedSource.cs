using System.Buffers;
using ImageService.Imaging.Interop;

namespace ImageService.Imaging;

/// <summary>
/// The caller's bytes pinned for the lifetime of a pipeline, wrapped in a VipsBlob that points at them (libvips'
/// buffer loaders read in place and copy nothing). Dispose only after the output is written and every image that
/// reads from the blob is released.
/// </summary>
internal sealed class PinnedSource : IDisposable
{
    private MemoryHandle _pin;

    private unsafe PinnedSource(ReadOnlyMemory<byte> bytes)
    {
        _pin = bytes.Pin();
        Blob = new VipsAreaHandle(VipsAreaNative.VipsBlobNew(IntPtr.Zero, (nint)_pin.Pointer, (nuint)bytes.Length));
    }

    public VipsAreaHandle Blob { get; }

    public static PinnedSource Pin(ReadOnlyMemory<byte> bytes) => new(bytes);

    public void Dispose()
    {
        Blob.Dispose();
        _pin.Dispose();
    }
}
