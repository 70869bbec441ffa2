using System.Runtime.InteropServices;

namespace ImageService.Imaging.Interop;

internal static partial class VipsBaseNative
{
    [LibraryImport(VipsLibrary.Name, EntryPoint = "vips_init", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int VipsInit(string argv0);

    [LibraryImport(VipsLibrary.Name, EntryPoint = "vips_version")]
    public static partial int VipsVersion(int flag);

    [LibraryImport(VipsLibrary.Name, EntryPoint = "vips_concurrency_set")]
    public static partial void VipsConcurrencySet(int concurrency);

    [LibraryImport(VipsLibrary.Name, EntryPoint = "vips_block_untrusted_set")]
    public static partial void VipsBlockUntrustedSet([MarshalAs(UnmanagedType.Bool)] bool state);

    [LibraryImport(VipsLibrary.Name, EntryPoint = "vips_type_find", StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint VipsTypeFind(string baseName, string nickname);
}
