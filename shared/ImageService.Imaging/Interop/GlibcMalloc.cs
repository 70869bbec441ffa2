using System.Runtime.InteropServices;

namespace ImageService.Imaging.Interop;

/// <summary>glibc's allocator tuning (libvips and its codecs allocate through malloc). "libc.so.6", not "libc": the
/// runtime would try libc.so first, which on glibc systems is a linker script, not a library.</summary>
internal static partial class GlibcMallocNative
{
    public const string Name = "libc.so.6";

    /// <summary>M_MMAP_THRESHOLD: allocations at least this large get their own mapping, returned to the system on free.</summary>
    public const int MmapThreshold = -3;

    /// <summary>mallopt answers 1 on success, 0 for a value it refuses.</summary>
    [LibraryImport(Name, EntryPoint = "mallopt")]
    public static partial int Mallopt(int parameter, int value);

    /// <summary>Returns the free pages of every arena to the system (not only the top of each heap); answers 1 when
    /// it released any.</summary>
    [LibraryImport(Name, EntryPoint = "malloc_trim")]
    public static partial int MallocTrim(nuint pad);
}
