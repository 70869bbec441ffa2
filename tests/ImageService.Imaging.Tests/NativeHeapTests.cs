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
            // What earlier tests freed under Retain may still lie in this thread's arena, and malloc serves a block
            // from free space before it asks the system. Hold 4 MiB blocks until that space is used up and one is
            // mapped on its own; the held ones stay allocated, so no free space appears until the end.
            var held = new List<IntPtr>();
            try
            {
                var mapped = IntPtr.Zero;
                while (mapped == IntPtr.Zero && held.Count < 512)
                {
                    var block = Allocate(4 * MiB);
                    if (IsMapped(block))
                    {
                        mapped = block;
                    }
                    else
                    {
                        held.Add(block);
                    }
                }
                Assert.NotEqual(IntPtr.Zero, mapped);
                Free(mapped);

                // glibc's dynamic threshold would rise to 4 MiB when that block is freed and serve the next ones
                // from the heap, where their pages stay resident after the free.
                for (var round = 0; round < 3; round++)
                {
                    Assert.True(Mapped(4 * MiB), $"round {round}: the 4 MiB block came from the malloc heap");
                }
            }
            finally
            {
                held.ForEach(Free);
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
    private static bool Mapped(int size)
    {
        var block = Allocate(size);
        try
        {
            return IsMapped(block);
        }
        finally
        {
            Free(block);
        }
    }

    private static unsafe IntPtr Allocate(int size) => (IntPtr)NativeMemory.Alloc((nuint)size);

    private static unsafe void Free(IntPtr block) => NativeMemory.Free((void*)block);

    private static bool IsMapped(IntPtr block) => (Marshal.ReadInt64(block, -8) & 0x2) != 0;
}
