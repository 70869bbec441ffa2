namespace ImageService.Imaging;

/// <summary>How glibc's allocator (libvips and its codecs allocate through malloc) is tuned: <c>Imaging:NativeHeap</c>.
/// glibc's own behaviour is neither: its mmap threshold starts at 128 KiB and grows to the largest block freed, so
/// early decodes get mappings returned on free and later ones come from the arenas, which are trimmed or kept by
/// chance; resident memory then swings with whichever arenas the last renders used.</summary>
public enum NativeHeapMode
{
    /// <summary>Render buffers (up to 32 MiB each) come from the malloc arenas and stay there when freed, for the next
    /// render to reuse: resident memory rises to the peak of <see cref="ImagingOptions.MaxConcurrentRenders"/> renders
    /// in the first minutes and then holds (measured in the soak: within −2 % / +4 %), with no page faults per render.</summary>
    Retain,

    /// <summary>Blocks of 1 MiB or more get their own mapping, returned on free, and the arenas are trimmed after each
    /// render: the least resident memory when idle, which then follows the renders in flight (a 2560x1600 upload:
    /// about 50 MB at its peak).</summary>
    Release,

    /// <summary>glibc's defaults and its MALLOC_* variables, untouched.</summary>
    Glibc,
}
