using System.Runtime.InteropServices;

namespace ImageService.Imaging.Interop;

internal static partial class VipsObjectNative
{
    /// <summary>Looks up an argument's GParamSpec; returns 0 on success.</summary>
    [LibraryImport(VipsLibrary.Name, EntryPoint = "vips_object_get_argument", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int VipsObjectGetArgument(SafeHandle vipsObject, string name, out nint paramSpec, out nint argumentClass, out nint argumentInstance);

    [LibraryImport(VipsLibrary.Name, EntryPoint = "vips_object_unref_outputs")]
    public static partial void VipsObjectUnrefOutputs(SafeHandle vipsObject);

    [LibraryImport(VipsLibrary.Name, EntryPoint = "vips_enum_from_nick", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int VipsEnumFromNick(string domain, nint enumType, string nick);

    [LibraryImport(VipsLibrary.Name, EntryPoint = "vips_flags_from_nick", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int VipsFlagsFromNick(string domain, nint flagsType, string nick);

    /// <summary>GParamSpec starts with GTypeInstance*, name, flags (padded to 8), then value_type.</summary>
    public static nint ParamSpecValueType(nint paramSpec) => Marshal.ReadIntPtr(paramSpec, 3 * IntPtr.Size);
}
