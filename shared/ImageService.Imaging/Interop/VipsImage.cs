using System.Runtime.InteropServices;

namespace ImageService.Imaging.Interop;

internal static partial class VipsImageNative
{
    [LibraryImport(VipsLibrary.Name, EntryPoint = "vips_image_get_width")]
    public static partial int VipsImageGetWidth(SafeHandle image);

    [LibraryImport(VipsLibrary.Name, EntryPoint = "vips_image_get_height")]
    public static partial int VipsImageGetHeight(SafeHandle image);

    [LibraryImport(VipsLibrary.Name, EntryPoint = "vips_image_get_bands")]
    public static partial int VipsImageGetBands(SafeHandle image);

    /// <summary>VipsBandFormat: 0 uchar, 2 ushort, ...</summary>
    [LibraryImport(VipsLibrary.Name, EntryPoint = "vips_image_get_format")]
    public static partial int VipsImageGetFormat(SafeHandle image);

    [LibraryImport(VipsLibrary.Name, EntryPoint = "vips_image_get_interpretation")]
    public static partial int VipsImageGetInterpretation(SafeHandle image);

    /// <summary>Number of pages (frames) the file holds, from the loader's n-pages field; 1 when absent.</summary>
    [LibraryImport(VipsLibrary.Name, EntryPoint = "vips_image_get_n_pages")]
    public static partial int VipsImageGetNPages(SafeHandle image);

    [LibraryImport(VipsLibrary.Name, EntryPoint = "vips_image_get_page_height")]
    public static partial int VipsImageGetPageHeight(SafeHandle image);

    /// <summary>True when the EXIF orientation swaps width and height (5..8).</summary>
    [LibraryImport(VipsLibrary.Name, EntryPoint = "vips_image_get_orientation_swap")]
    [return: MarshalAs(UnmanagedType.Bool)]
    public static partial bool VipsImageGetOrientationSwap(SafeHandle image);

    [LibraryImport(VipsLibrary.Name, EntryPoint = "vips_image_hasalpha")]
    [return: MarshalAs(UnmanagedType.Bool)]
    public static partial bool VipsImageHasAlpha(SafeHandle image);

    /// <summary>The GType of a metadata field, or 0 when the image has no such field.</summary>
    [LibraryImport(VipsLibrary.Name, EntryPoint = "vips_image_get_typeof", StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint VipsImageGetTypeof(SafeHandle image, string name);

    [LibraryImport(VipsLibrary.Name, EntryPoint = "vips_image_set_int", StringMarshalling = StringMarshalling.Utf8)]
    public static partial void VipsImageSetInt(SafeHandle image, string name, int value);

    /// <summary>Renders the whole image into a new memory image (a new reference), or 0 on error.</summary>
    [LibraryImport(VipsLibrary.Name, EntryPoint = "vips_image_copy_memory")]
    public static partial nint VipsImageCopyMemory(SafeHandle image);

    [LibraryImport(VipsLibrary.Name, EntryPoint = "vips_image_set_blob_copy", StringMarshalling = StringMarshalling.Utf8)]
    public static partial void VipsImageSetBlobCopy(SafeHandle image, string name, ReadOnlySpan<byte> data, nuint length);

    /// <summary>A NULL-terminated array of field names; free with g_strfreev.</summary>
    [LibraryImport(VipsLibrary.Name, EntryPoint = "vips_image_get_fields")]
    public static partial nint VipsImageGetFields(SafeHandle image);

    [LibraryImport(VipsLibrary.Name, EntryPoint = "g_strfreev")]
    public static partial void GStrfreev(nint strings);
}
