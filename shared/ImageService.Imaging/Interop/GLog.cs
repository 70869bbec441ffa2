using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ImageService.Imaging.Interop;

internal static unsafe partial class GLogNative
{
    public const int LevelWarning = 1 << 4;
    public const int LevelMessage = 1 << 5;
    public const int LevelInfo = 1 << 6;
    public const int LevelDebug = 1 << 7;

    [LibraryImport(VipsLibrary.Name, EntryPoint = "g_log_set_handler", StringMarshalling = StringMarshalling.Utf8)]
    public static partial uint GLogSetHandler(string domain, int levels, delegate* unmanaged[Cdecl]<nint, int, nint, nint, void> handler, nint userData);

    /// <summary>Drops a log line. libvips warns on every odd-but-decodable file ("unknown EXIF resolution unit");
    /// real failures reach callers through the error buffer, so the warnings are noise on a busy service.</summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    public static void Discard(nint domain, int level, nint message, nint userData)
    {
    }
}
