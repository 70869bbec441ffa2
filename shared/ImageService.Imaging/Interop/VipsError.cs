using System.Runtime.InteropServices;

namespace ImageService.Imaging.Interop;

internal static partial class VipsErrorNative
{
    /// <summary>Copies and clears libvips' process-wide error buffer under its lock, so concurrent callers each
    /// take their own text; the copy is freed with g_free.</summary>
    [LibraryImport(VipsLibrary.Name, EntryPoint = "vips_error_buffer_copy")]
    public static partial nint VipsErrorBufferCopy();

    [LibraryImport(VipsLibrary.Name, EntryPoint = "vips_error_clear")]
    public static partial void VipsErrorClear();

    [LibraryImport(VipsLibrary.Name, EntryPoint = "g_free")]
    public static partial void GFree(nint memory);
}
