using System.Runtime.InteropServices;

namespace ImageService.Imaging.Tests;

[CollectionDefinition(nameof(NativeHeapTests), DisableParallelization = true)]
public sealed class NativeHeapTestsRunAlone;

/// <summary>Imaging:NativeHeap, read back from glibc itself: a chunk malloc served from its own mapping carries the
/// IS_MMAPPED bit (0x2) in the size word just before the pointer. glibc's settings are process-wide, so these run
/// alone (other tests use processors with the default mode). A processor applies its settings at its first use.</summary>
[Collection(nameof(NativeHeapTests))]
public class NativeHeapTests
{
    private const int MiB = 1024 * 1024;

    [Fact]
    public void Retain_by_default_serves_render_sized_blocks_from_the_arenas_so_freed_ones_are_reused()
    {
        new VipsImageProcessor(new ImagingOptions()).EnsureConfigured();
        Assert.Equal(NativeHeapMode.Retain, Libvips.NativeHeapApplied);

        // glibc's own threshold would map the first 4 MiB block on its own (it starts at 128 KiB).
        foreach (var size in new[] { 4 * MiB, 16 * MiB, 4 * MiB })
        {
            Assert.False(Mapped(size), $"a {size / MiB} MiB block got its own mapping");
        }
    }

    [Fact]
    public void Release_maps_every_large_block_on_its_own_also_after_one_was_freed()
    {
        try
        {
            new VipsImageProcessor(new ImagingOptions { NativeHeap = NativeHeapMode.Release }).EnsureConfigured();
            Assert.Equal(NativeHeapMode.Release, Libvips.NativeHeapApplied);
            // What the Retain test left at the top of this thread's arena would serve the block without asking the
            // system; under the new thresholds the next free beside the top gives it back (as renders do).
            _ = Mapped(256 * 1024);

            // glibc's dynamic threshold would rise to 4 MiB when the first block is freed and serve the next from
            // the heap, where its pages stay resident after the free.
            for (var round = 0; round < 3; round++)
            {
                Assert.True(Mapped(4 * MiB), $"round {round}: the 4 MiB block came from the malloc heap");
            }
        }
        finally
        {
            new VipsImageProcessor(new ImagingOptions()).EnsureConfigured();
        }
    }

    [Fact]
    public void Glibc_leaves_the_allocator_alone()
    {
        try
        {
            new VipsImageProcessor(new ImagingOptions { NativeHeap = NativeHeapMode.Glibc }).EnsureConfigured();
            Assert.Null(Libvips.NativeHeapApplied);
        }
        finally
        {
            new VipsImageProcessor(new ImagingOptions()).EnsureConfigured();
        }
    }

    /// <summary>Allocates a block (NativeMemory is malloc/free on Unix), reads whether glibc mapped it, frees it.</summary>
    private static unsafe bool Mapped(int size)
    {
        var block = NativeMemory.Alloc((nuint)size);
        try
        {
            return (Marshal.ReadInt64((IntPtr)block, -8) & 0x2) != 0;
        }
        finally
        {
            NativeMemory.Free(block);
        }
    }
}
