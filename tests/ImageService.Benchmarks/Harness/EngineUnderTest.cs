using ImageService.Benchmarks.Commands;
using ImageService.Benchmarks.Rows;
using ImageService.Core.Imaging;
using ImageService.Imaging;

namespace ImageService.Benchmarks.Harness;

/// <summary>Our engine as the service calls it: the public <see cref="IImageProcessor.Transform"/> port of
/// <see cref="VipsImageProcessor"/>, configured from <see cref="EngineSettings"/>.</summary>
internal sealed class EngineUnderTest(EngineSettings settings)
{
    private readonly VipsImageProcessor _processor = new(new ImagingOptions
    {
        Concurrency = settings.VipsThreads,
        // When on, sharp's default limits (sharp.cache(true): 100 operations, 50 MB, 20 files), as on the other side.
        CacheMaxOperations = settings.OperationCache ? 100 : 0,
        CacheMaxMemoryBytes = settings.OperationCache ? 50L * 1024 * 1024 : 0,
        CacheMaxFiles = settings.OperationCache ? 20 : 0,
    });

    private readonly TransformContext _context = new();

    public string Version =>
        $"ImageService.Imaging (VipsImageProcessor), libvips {VipsImageProcessor.LibvipsVersion}, {settings.VipsThreads} libvips thread(s) per operation";

    public Func<ReadOnlyMemory<byte>, RenderedImage> OperationFor(PhotoRow row) =>
        source => _processor.Transform(source, row.Spec, _context);
}
