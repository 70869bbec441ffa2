using System.Runtime.InteropServices;

namespace ImageService.Imaging.Tests;

/// <summary>Imaging:NativeMmapThresholdBytes, read back from glibc itself: a chunk malloc served from its own mapping
/// carries the IS_MMAPPED bit (0x2) in the size word just before the pointer.</summary>
public class NativeHeapTests
{
    private const int Block = 4 * 1024 * 1024;

    [Fact]
    public void With_the_threshold_fixed_a_large_block_freed_and_asked_again_still_gets_its_own_mapping()
    {
        _ = new VipsImageProcessor(new ImagingOptions { NativeMmapThresholdBytes = 1024 * 1024 });
        Assert.True(Libvips.MmapThresholdFixed);

        // glibc's dynamic threshold would rise to 4 MiB when the first block is freed, and serve the second from the
        // heap, where its pages stay resident after the free.
        for (var round = 0; round < 3; round++)
        {
            var block = Malloc(Block);
            try
            {
                Assert.NotEqual(IntPtr.Zero, block);
                Assert.True((Marshal.ReadInt64(block, -8) & 0x2) != 0, $"round {round}: the 4 MiB block came from the malloc heap");
            }
            finally
            {
                Free(block);
            }
        }
    }

    // NativeMemory is malloc/free on Unix.
    private static unsafe IntPtr Malloc(nuint size) => (IntPtr)NativeMemory.Alloc(size);

    private static unsafe void Free(IntPtr pointer) => NativeMemory.Free((void*)pointer);
}
