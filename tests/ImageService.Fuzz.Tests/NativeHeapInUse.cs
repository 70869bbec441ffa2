using System.Runtime.InteropServices;

namespace ImageService.Fuzz.Tests;

/// <summary>Bytes glibc's malloc has handed out and not had back (mallinfo2: in-use arena bytes plus mapped blocks),
/// summed over every arena. Unlike the resident set it does not count freed memory the allocator keeps for the next
/// render (the service's default <c>Imaging:NativeHeap=Retain</c> keeps hundreds of MB on purpose), so it tells a
/// leak from retention. Null off glibc.</summary>
internal static partial class NativeHeapInUse
{
    public static long? Bytes()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }
        try
        {
            var info = MallInfo2();
            return (long)(info.Uordblks + info.Hblkhd);
        }
        catch (EntryPointNotFoundException)
        {
            return null; // musl, or glibc before 2.33
        }
    }

    [LibraryImport("libc", EntryPoint = "mallinfo2")]
    private static partial MallocInfo MallInfo2();

    /// <summary>glibc's struct mallinfo2: ten size_t fields, in this order.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private readonly struct MallocInfo
    {
        public readonly nuint Arena;
        public readonly nuint Ordblks;
        public readonly nuint Smblks;
        public readonly nuint Hblks;
        public readonly nuint Hblkhd;
        public readonly nuint Usmblks;
        public readonly nuint Fsmblks;
        public readonly nuint Uordblks;
        public readonly nuint Fordblks;
        public readonly nuint Keepcost;
    }
}
