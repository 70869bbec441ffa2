using System.Reflection;
using System.Runtime.InteropServices;

namespace ImageService.Imaging.Interop;

/// <summary>
/// Finds libvips for this assembly's imports in the build output: beside the app (a RID-specific build or publish,
/// the Native AOT bootstrap) or where NuGet puts a package's native asset for a portable build
/// (<c>runtimes/linux-x64/native/</c>). Nothing outside the app folder is searched, so the library that runs is the
/// one the build chose.
/// </summary>
internal static class LibraryResolver
{
    public const string PortableNativeDirectory = "runtimes/linux-x64/native";

    public static void Register(Assembly assembly) => NativeLibrary.SetDllImportResolver(assembly, Resolve);

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (libraryName != VipsLibrary.Name)
        {
            return IntPtr.Zero;
        }

        foreach (var candidate in Candidates(AppContext.BaseDirectory))
        {
            if (NativeLibrary.TryLoad(candidate, out var loaded))
            {
                return loaded;
            }
        }

        // Let the runtime try its default probing (the deps.json native paths, LD_LIBRARY_PATH) before the caller fails.
        return NativeLibrary.TryLoad(libraryName, assembly, searchPath, out var fallback) ? fallback : IntPtr.Zero;
    }

    /// <summary>Paths to try, in order; exposed for the error message when nothing loads.</summary>
    public static IEnumerable<string> Candidates(string baseDirectory) =>
        [Path.Combine(baseDirectory, VipsLibrary.Name), Path.Combine(baseDirectory, PortableNativeDirectory, VipsLibrary.Name)];
}
