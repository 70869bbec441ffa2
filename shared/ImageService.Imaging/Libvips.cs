using System.Globalization;
using ImageService.Imaging.Interop;

namespace ImageService.Imaging;

/// <summary>
/// Process-wide libvips state: the library resolver, <c>vips_init</c> (once), and the settings libvips keeps
/// globally (operation cache, worker threads). Fails fast with a clear message when libvips cannot load or init.
/// </summary>
public static class Libvips
{
    private static readonly Lazy<string> Initialised = new(Initialise, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The libvips version, e.g. "8.18.7". Loads and initialises libvips on first use.</summary>
    public static string Version => Initialised.Value;

    /// <summary>Input formats this libvips build can decode (recognised by magic bytes; svg only when enabled in
    /// <see cref="ImagingOptions.AllowSvg"/>). PDF is recognised but never decoded: this build has no PDF loader.</summary>
    public static IReadOnlyList<string> InputFormats =>
        [.. DecodableFormats.Where(f => Available(ImageOps.LoaderFor(f)))];

    /// <summary>Output formats this libvips build can encode.</summary>
    public static IReadOnlyList<string> OutputFormats =>
        [.. Core.Imaging.OutputFormats.All.Where(f => Available(Encoder.SaverFor(f)))];

    private static readonly string[] DecodableFormats = ["jpeg", "png", "webp", "gif", "avif", "heif", "tiff", "svg"];

    private static bool Available(string operation)
    {
        EnsureInitialised();
        return VipsBaseNative.VipsTypeFind("VipsOperation", operation) != IntPtr.Zero;
    }

    /// <summary>Ensures libvips is loaded and initialised; throws <see cref="InvalidOperationException"/> otherwise.</summary>
    public static void EnsureInitialised() => _ = Initialised.Value;

    /// <summary>Applies the global settings from <paramref name="options"/> (libvips keeps one cache and one
    /// thread count per process: each processor applies its own at its first use, and the latest such use wins).</summary>
    internal static void Configure(ImagingOptions options)
    {
        EnsureInitialised();
        TuneNativeHeap(options.NativeHeap);
        VipsBaseNative.VipsConcurrencySet(Math.Max(1, options.Concurrency ?? Environment.ProcessorCount));
        VipsOperationNative.VipsCacheSetMax(options.CacheMaxOperations);
        VipsOperationNative.VipsCacheSetMaxMem((nuint)options.CacheMaxMemoryBytes);
        VipsOperationNative.VipsCacheSetMaxFiles(options.CacheMaxFiles);
        if (options.AllowSvg)
        {
            // librsvg is marked untrusted and blocked at init; a processor that accepts SVG needs it back. The
            // block is process-wide, but processors that refuse SVG still refuse it by sniffing, before any loader.
            VipsOperationNative.VipsOperationBlockSet("VipsForeignLoadSvg", false);
        }
    }

    /// <summary>The mode the last <see cref="Configure"/> applied to glibc (null: none, e.g. off glibc).</summary>
    internal static NativeHeapMode? NativeHeapApplied { get; private set; }

    private static void TuneNativeHeap(NativeHeapMode mode)
    {
        NativeHeapApplied = null;
        if (mode == NativeHeapMode.Glibc || !OperatingSystem.IsLinux())
        {
            return;
        }
        try
        {
            var applied = mode == NativeHeapMode.Retain
                // Nothing a render allocates is mapped on its own, free tops are kept up to 512 MiB and whole arena
                // heaps are kept (top pad 128 MiB, virtual until touched): freed buffers wait for the next render.
                ? Mallopt(GlibcMallocNative.MmapThreshold, GlibcMallocNative.MaxMmapThreshold)
                    && Mallopt(GlibcMallocNative.TrimThreshold, 512 * 1024 * 1024)
                    && Mallopt(GlibcMallocNative.TopPad, 128 * 1024 * 1024)
                : Mallopt(GlibcMallocNative.MmapThreshold, 1024 * 1024)
                    && Mallopt(GlibcMallocNative.TrimThreshold, 128 * 1024)
                    && Mallopt(GlibcMallocNative.TopPad, 0);
            NativeHeapApplied = applied ? mode : null;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // musl and other C libraries: their allocators have no such knobs; nothing to tune.
        }

        static bool Mallopt(int parameter, int value) => GlibcMallocNative.Mallopt(parameter, value) == 1;
    }

    /// <summary>glibc's malloc_trim: free pages inside the malloc arenas go back to the system (a no-op off glibc).</summary>
    internal static void TrimNativeHeap()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }
        try
        {
            _ = GlibcMallocNative.MallocTrim(0);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // no glibc: nothing to trim
        }
    }

    private static unsafe void SilenceWarnings() =>
        GLogNative.GLogSetHandler("VIPS", GLogNative.LevelWarning | GLogNative.LevelMessage | GLogNative.LevelInfo | GLogNative.LevelDebug, &GLogNative.Discard, IntPtr.Zero);

    private static string Initialise()
    {
        LibraryResolver.Register(typeof(Libvips).Assembly);
        int status;
        try
        {
            status = VipsBaseNative.VipsInit("ImageService");
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
        {
            var tried = string.Join(", ", LibraryResolver.Candidates(AppContext.BaseDirectory));
            throw new InvalidOperationException(
                $"libvips ({VipsLibrary.Name}, from the NetVips.Native.linux-x64 package) could not be loaded (tried: {tried}). " +
                "Build or publish the app so the package's native asset is in its output.", e);
        }

        if (status != 0)
        {
            throw new InvalidOperationException("vips_init failed: " + VipsException.FromBuffer("vips_init").Message);
        }

        if (Environment.GetEnvironmentVariable("IMAGESERVICE_VIPS_WARNINGS") != "1")
        {
            SilenceWarnings();
        }

        // Loaders libvips itself marks as unsafe for untrusted input stay off whatever the sniffer decides.
        VipsBaseNative.VipsBlockUntrustedSet(true);
        return string.Create(CultureInfo.InvariantCulture,
            $"{VipsBaseNative.VipsVersion(0)}.{VipsBaseNative.VipsVersion(1)}.{VipsBaseNative.VipsVersion(2)}");
    }
}
