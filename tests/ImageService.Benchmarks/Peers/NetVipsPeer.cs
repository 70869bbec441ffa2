using System.Runtime.InteropServices;
using ImageService.Benchmarks.Commands;
using ImageService.Benchmarks.Rows;
using ImageService.Core.Imaging;
using NetVips;
using VipsImage = NetVips.Image;

namespace ImageService.Benchmarks.Peers;

/// <summary>
/// The row as a NetVips user writes it: <c>Image.ThumbnailBuffer</c> (shrink-on-load, EXIF orientation, crop for
/// cover), sRGB output through the embedded ICC profile when the file has one, alpha flattened for JPEG, then
/// <c>JpegsaveBuffer</c>/<c>WebpsaveBuffer</c> with the encoder options our engine and sharp use. NetVips binds the
/// same <c>libvips.so.42</c> (NetVips.Native) that our engine loads, so both share one libvips in this process,
/// with the same thread count and operation cache.
/// </summary>
internal static class NetVipsPeer
{
    private const int DefaultQuality = 80;

    // libvips' VIPS_MAX_COORD: "no limit" for the height of a width-only resize, as sharp passes it too.
    private const int Unbounded = 10_000_000;

    /// <summary>Applies the run's libvips settings through NetVips.</summary>
    public static void Configure(EngineSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        // Process-wide in libvips, already set by our engine's processor; set again here so this side does not
        // depend on which of the two initialised libvips first.
        NetVips.NetVips.Concurrency = settings.VipsThreads;
        Cache.Max = settings.OperationCache ? 100 : 0;
        Cache.MaxMem = settings.OperationCache ? 50UL * 1024 * 1024 : 0;
        Cache.MaxFiles = settings.OperationCache ? 20 : 0;
    }

    public static string Version =>
        $"NetVips {typeof(VipsImage).Assembly.GetName().Version?.ToString(3)}, libvips {NetVips.NetVips.Version(0)}.{NetVips.NetVips.Version(1)}.{NetVips.NetVips.Version(2)}";

    public static Func<ReadOnlyMemory<byte>, RenderedImage> OperationFor(PhotoRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var spec = row.Spec;
        var width = spec.Width ?? Unbounded;
        var height = spec.Height ?? Unbounded;
        var crop = spec.Fit == FitMode.Cover && spec.Width is not null && spec.Height is not null ? Enums.Interesting.Centre : (Enums.Interesting?)null;
        var format = spec.Format.ToString().ToLowerInvariant();
        var quality = spec.Quality ?? DefaultQuality;
        double[] background = [.. Convert.FromHexString(spec.Background ?? "ffffff").Select(b => (double)b)];
        return source =>
        {
            var buffer = ArrayOf(source);
            using var thumbnail = VipsImage.ThumbnailBuffer(buffer, width, height: height, crop: crop,
                outputProfile: HasIccProfile(buffer) ? "srgb" : null, intent: Enums.Intent.Perceptual, failOn: Enums.FailOn.Truncated);
            using var flattened = format == "jpeg" && thumbnail.HasAlpha() ? thumbnail.Flatten(background) : null;
            var image = flattened ?? thumbnail;
            var bytes = format == "jpeg"
                ? image.JpegsaveBuffer(q: quality, optimizeCoding: true, keep: Enums.ForeignKeep.None)
                : image.WebpsaveBuffer(q: quality, effort: 4, keep: Enums.ForeignKeep.None);
            return new RenderedImage(bytes, format, "image/" + format, image.Width, image.Height);
        };
    }

    /// <summary>thumbnail converts to sRGB with the embedded profile only when given an output profile, and with an
    /// output profile it also runs an ICC export for files without one; so the profile is asked for only when the
    /// file has one, which is what our engine and sharp do. Reading the header decodes no pixels.</summary>
    private static bool HasIccProfile(byte[] buffer)
    {
        using var header = VipsImage.NewFromBuffer(buffer, access: Enums.Access.Sequential);
        return header.Contains("icc-profile-data");
    }

    /// <summary>The benchmark's inputs are whole arrays; NetVips' buffer API takes byte[], so no copy is made.</summary>
    private static byte[] ArrayOf(ReadOnlyMemory<byte> source) =>
        MemoryMarshal.TryGetArray(source, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : source.ToArray();
}
