using System.Runtime.InteropServices;

namespace ImageService.Imaging.Interop;

/// <summary>glibc's allocator tuning (libvips and its codecs allocate through malloc). "libc.so.6", not "libc": the
/// runtime would try libc.so first, which on glibc systems is a linker script, not a library.</summary>
internal static partial class GlibcMallocNative
{
    public const string Name = "libc.so.6";

    /// <summary>M_TRIM_THRESHOLD: free memory at the top of an arena beyond this goes back to the system.</summary>
    public const int TrimThreshold = -1;

    /// <summary>M_TOP_PAD: extra memory taken when an arena grows, and kept when it could shrink (a whole arena heap
    /// is only released when more than this is free).</summary>
    public const int TopPad = -2;

    /// <summary>M_MMAP_THRESHOLD: allocations at least this large get their own mapping, returned to the system on
    /// free. Setting it also stops glibc's dynamic adjustment of this and of the trim threshold.</summary>
    public const int MmapThreshold = -3;

    /// <summary>The largest mmap threshold glibc accepts on 64-bit (HEAP_MAX_SIZE / 2).</summary>
    public const int MaxMmapThreshold = 32 * 1024 * 1024;

    /// <summary>mallopt answers 1 on success, 0 for a value it refuses.</summary>
    [LibraryImport(Name, EntryPoint = "mallopt")]
    public static partial int Mallopt(int parameter, int value);

    /// <summary>Returns the free pages of every arena to the system (not only the top of each heap); answers 1 when
    /// it released any.</summary>
    [LibraryImport(Name, EntryPoint = "malloc_trim")]
    public static partial int MallocTrim(nuint pad);
}
