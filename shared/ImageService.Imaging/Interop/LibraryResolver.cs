using System.Reflection;
using System.Runtime.InteropServices;

namespace ImageService.Imaging.Interop;

/// <summary>
/// Finds libvips for this assembly's imports: first beside the app (published output, test output), then in a
/// checkout's node_modules found by walking up from the base directory.
/// </summary>
internal static class LibraryResolver
{
    public const string PackageLibDirectory = "node_modules/@img/sharp-libvips-linux-x64/lib";

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

        // Let the runtime try its default probing (LD_LIBRARY_PATH and the like) before the caller fails.
        return NativeLibrary.TryLoad(libraryName, assembly, searchPath, out var fallback) ? fallback : IntPtr.Zero;
    }

    /// <summary>Paths to try, in order; exposed for the error message when nothing loads.</summary>
    public static IEnumerable<string> Candidates(string baseDirectory)
    {
        yield return Path.Combine(baseDirectory, VipsLibrary.Name);
        if (Directory.Exists(baseDirectory))
        {
            foreach (var other in Directory.EnumerateFiles(baseDirectory, "libvips-cpp.so.*").Order(StringComparer.Ordinal))
            {
                yield return other;
            }
        }

        for (var dir = new DirectoryInfo(baseDirectory); dir is not null; dir = dir.Parent)
        {
            var lib = Path.Combine(dir.FullName, PackageLibDirectory, VipsLibrary.Name);
            if (File.Exists(lib))
            {
                yield return lib;
            }
        }
    }
}
