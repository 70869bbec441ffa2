using System.Runtime.InteropServices;

namespace ImageService.Imaging.Interop;

/// <summary>Layout of glib's GValue: a GType followed by two 8-byte data slots (24 bytes on 64-bit).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct GValue
{
    public nint GType;
    public long Data0;
    public long Data1;
}

internal static partial class GValueNative
{
    // Fundamental GType ids are fixed by glib: (fundamental number << 2).
    public const nint GTypeBoolean = 5 << 2;
    public const nint GTypeInt = 6 << 2;
    public const nint GTypeEnum = 12 << 2;
    public const nint GTypeFlags = 13 << 2;
    public const nint GTypeDouble = 15 << 2;
    public const nint GTypeString = 16 << 2;
    public const nint GTypeBoxed = 18 << 2;
    public const nint GTypeObject = 20 << 2;

    [LibraryImport(VipsLibrary.Name, EntryPoint = "g_value_init")]
    public static partial nint GValueInit(ref GValue value, nint gtype);

    [LibraryImport(VipsLibrary.Name, EntryPoint = "g_value_unset")]
    public static partial void GValueUnset(ref GValue value);

    [LibraryImport(VipsLibrary.Name, EntryPoint = "g_value_set_boolean")]
    public static partial void GValueSetBoolean(ref GValue value, int boolean);

    [LibraryImport(VipsLibrary.Name, EntryPoint = "g_value_set_int")]
    public static partial void GValueSetInt(ref GValue value, int number);

    [LibraryImport(VipsLibrary.Name, EntryPoint = "g_value_set_double")]
    public static partial void GValueSetDouble(ref GValue value, double number);

    [LibraryImport(VipsLibrary.Name, EntryPoint = "g_value_set_enum")]
    public static partial void GValueSetEnum(ref GValue value, int number);

    [LibraryImport(VipsLibrary.Name, EntryPoint = "g_value_set_flags")]
    public static partial void GValueSetFlags(ref GValue value, uint flags);

    [LibraryImport(VipsLibrary.Name, EntryPoint = "g_value_set_string", StringMarshalling = StringMarshalling.Utf8)]
    public static partial void GValueSetString(ref GValue value, string text);

    [LibraryImport(VipsLibrary.Name, EntryPoint = "g_value_set_object")]
    public static partial void GValueSetObject(ref GValue value, SafeHandle gobject);

    [LibraryImport(VipsLibrary.Name, EntryPoint = "g_value_set_boxed")]
    public static partial void GValueSetBoxed(ref GValue value, SafeHandle boxed);

    [LibraryImport(VipsLibrary.Name, EntryPoint = "g_value_get_object")]
    public static partial nint GValueGetObject(ref GValue value);

    [LibraryImport(VipsLibrary.Name, EntryPoint = "g_value_get_boxed")]
    public static partial nint GValueGetBoxed(ref GValue value);

    [LibraryImport(VipsLibrary.Name, EntryPoint = "g_value_get_int")]
    public static partial int GValueGetInt(ref GValue value);

    [LibraryImport(VipsLibrary.Name, EntryPoint = "vips_value_set_array_double")]
    public static unsafe partial void VipsValueSetArrayDouble(ref GValue value, double* array, int count);

    [LibraryImport(VipsLibrary.Name, EntryPoint = "vips_value_get_array_double")]
    public static partial nint VipsValueGetArrayDouble(ref GValue value, out int count);

    [LibraryImport(VipsLibrary.Name, EntryPoint = "vips_value_get_blob")]
    public static partial nint VipsValueGetBlob(ref GValue value, out nuint length);
}
