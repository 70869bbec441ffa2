using System.Reflection;
using ImageService.Benchmarks.Commands;
using ImageService.Benchmarks.Rows;
using ImageService.Core.Imaging;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;
using SharpImage = SixLabors.ImageSharp.Image;

namespace ImageService.Benchmarks.Peers;

/// <summary>
/// The row as an ImageSharp 2.1 user writes it: load, <c>AutoOrient</c>, <c>Resize</c> with Lanczos3 (libvips'
/// default kernel; crop from the centre for cover), alpha flattened onto the background for JPEG, metadata dropped,
/// then <see cref="JpegEncoder"/> or a lossy <see cref="WebpEncoder"/> at the same quality and effort. ImageSharp 2.x
/// has no shrink-on-load and does not apply ICC profiles; both are part of what this row measures. Its parallelism
/// per operation is set to the libvips thread count the other sides get.
/// </summary>
internal sealed class ImageSharpPeer(EngineSettings settings)
{
    private const int DefaultQuality = 80;

    private readonly Configuration _configuration = CreateConfiguration(settings);

    /// <summary>The package version (the assembly version stays 2.0.0 across 2.x releases).</summary>
    public static string Version =>
        $"SixLabors.ImageSharp {typeof(SharpImage).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]} (managed)";

    public Func<ReadOnlyMemory<byte>, RenderedImage> OperationFor(PhotoRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var spec = row.Spec;
        var cover = spec.Fit == FitMode.Cover && spec.Width is not null && spec.Height is not null;
        var resize = new ResizeOptions
        {
            // 0 keeps the aspect ratio for a width-only or height-only resize.
            Size = new Size(spec.Width ?? 0, spec.Height ?? 0),
            Mode = cover ? ResizeMode.Crop : ResizeMode.Max,
            Position = AnchorPositionMode.Center,
            Sampler = KnownResamplers.Lanczos3,
        };
        var format = spec.Format.ToString().ToLowerInvariant();
        var quality = spec.Quality ?? DefaultQuality;
        IImageEncoder encoder = format == "jpeg"
            ? new JpegEncoder { Quality = quality }
            : new WebpEncoder { Quality = quality, FileFormat = WebpFileFormatType.Lossy, Method = WebpEncodingMethod.Level4 };
        var background = Color.ParseHex(spec.Background ?? "ffffff");
        return source =>
        {
            using var image = SharpImage.Load(_configuration, source.Span);
            var flatten = format == "jpeg" && image.PixelType.AlphaRepresentation is PixelAlphaRepresentation.Associated or PixelAlphaRepresentation.Unassociated;
            image.Mutate(x =>
            {
                x.AutoOrient().Resize(resize);
                if (flatten)
                {
                    x.BackgroundColor(background);
                }
            });
            image.Metadata.ExifProfile = null;
            image.Metadata.IccProfile = null;
            image.Metadata.XmpProfile = null;
            image.Metadata.IptcProfile = null;
            using var output = new MemoryStream();
            image.Save(output, encoder);
            return new RenderedImage(output.ToArray(), format, "image/" + format, image.Width, image.Height);
        };
    }

    private static Configuration CreateConfiguration(EngineSettings settings)
    {
        var configuration = Configuration.Default.Clone();
        configuration.MaxDegreeOfParallelism = settings.VipsThreads;
        return configuration;
    }
}
