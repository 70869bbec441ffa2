using System.Runtime.InteropServices;

namespace ImageService.Imaging.Interop;

internal static partial class VipsAreaNative
{
    /// <summary>A blob over caller-owned memory: libvips does not copy it and frees nothing when freeFn is 0.</summary>
    [LibraryImport(VipsLibrary.Name, EntryPoint = "vips_blob_new")]
    public static partial nint VipsBlobNew(nint freeFn, nint data, nuint length);

    [LibraryImport(VipsLibrary.Name, EntryPoint = "vips_area_unref")]
    public static partial void VipsAreaUnref(nint area);

    /// <summary>VipsArea starts with its data pointer and length (size_t).</summary>
    public static (nint Data, nuint Length) Read(nint area) =>
        (Marshal.ReadIntPtr(area), (nuint)Marshal.ReadIntPtr(area, IntPtr.Size));
}
