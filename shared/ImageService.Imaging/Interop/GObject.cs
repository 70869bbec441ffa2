using System.Runtime.InteropServices;

namespace ImageService.Imaging.Interop;

internal static partial class GObjectNative
{
    [LibraryImport(VipsLibrary.Name, EntryPoint = "g_object_ref")]
    public static partial nint GObjectRef(nint gobject);

    [LibraryImport(VipsLibrary.Name, EntryPoint = "g_object_unref")]
    public static partial void GObjectUnref(nint gobject);

    [LibraryImport(VipsLibrary.Name, EntryPoint = "g_object_set_property", StringMarshalling = StringMarshalling.Utf8)]
    public static partial void GObjectSetProperty(SafeHandle gobject, string name, ref GValue value);

    [LibraryImport(VipsLibrary.Name, EntryPoint = "g_object_get_property", StringMarshalling = StringMarshalling.Utf8)]
    public static partial void GObjectGetProperty(SafeHandle gobject, string name, ref GValue value);

    [LibraryImport(VipsLibrary.Name, EntryPoint = "g_type_from_name", StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint GTypeFromName(string name);

    [LibraryImport(VipsLibrary.Name, EntryPoint = "g_type_fundamental")]
    public static partial nint GTypeFundamental(nint gtype);
}
