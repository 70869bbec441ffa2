using System.Runtime.InteropServices;

namespace ImageService.Imaging.Interop;

internal static partial class VipsOperationNative
{
    [LibraryImport(VipsLibrary.Name, EntryPoint = "vips_operation_new", StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint VipsOperationNew(string name);

    /// <summary>Returns a new reference to the built (possibly cached) operation, or 0 on error.</summary>
    [LibraryImport(VipsLibrary.Name, EntryPoint = "vips_cache_operation_build")]
    public static partial nint VipsCacheOperationBuild(SafeHandle operation);

    [LibraryImport(VipsLibrary.Name, EntryPoint = "vips_cache_set_max")]
    public static partial void VipsCacheSetMax(int max);

    [LibraryImport(VipsLibrary.Name, EntryPoint = "vips_cache_set_max_mem")]
    public static partial void VipsCacheSetMaxMem(nuint maxMem);

    [LibraryImport(VipsLibrary.Name, EntryPoint = "vips_cache_set_max_files")]
    public static partial void VipsCacheSetMaxFiles(int maxFiles);

    /// <summary>Blocks or unblocks an operation class and its subclasses process-wide (e.g. "VipsForeignLoadSvg").</summary>
    [LibraryImport(VipsLibrary.Name, EntryPoint = "vips_operation_block_set", StringMarshalling = StringMarshalling.Utf8)]
    public static partial void VipsOperationBlockSet(string name, [MarshalAs(UnmanagedType.Bool)] bool state);
}
