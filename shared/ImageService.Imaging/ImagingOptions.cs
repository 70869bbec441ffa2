using System.ComponentModel.DataAnnotations;
using ImageService.Core.Imaging;

namespace ImageService.Imaging;

/// <summary>Engine limits and libvips process settings; bind from the "Imaging" configuration section.
/// Setters, not init: the trimming-safe configuration binding generator skips init-only properties.</summary>
public sealed record ImagingOptions : IValidatableObject
{
    /// <summary>Longest <see cref="RenderQueueTimeout"/> accepted: a wait longer than this outlasts any client's
    /// timeout (API Gateway's is 30 s).</summary>
    public static readonly TimeSpan MaxRenderQueueTimeout = TimeSpan.FromMinutes(5);

    /// <summary>Largest source (width × height × decoded frames), checked from the header before decoding.</summary>
    [Range(1, long.MaxValue)]
    public long MaxPixels { get; set; } = 50_000_000;

    /// <summary>SVG input is refused unless enabled (a renderer for untrusted XML is a large attack surface).</summary>
    public bool AllowSvg { get; set; }

    /// <summary>PDF input is refused unless enabled; the bundled libvips has no PDF loader, so enabling it still
    /// refuses PDF until a build with one is used.</summary>
    public bool AllowPdf { get; set; }

    /// <summary>Most frames decoded when an animated source is rendered to an animated format (GIF or WebP);
    /// later frames are dropped. 1 turns animation off (first frame only).</summary>
    [Range(1, 10_000)]
    public int MaxFrames { get; set; } = 100;

    /// <summary>libvips worker threads per pipeline; null = processor count (Lambda gives 1-2 vCPUs at
    /// common memory sizes, so more threads only add switching).</summary>
    [Range(1, 256)]
    public int? Concurrency { get; set; }

    /// <summary>Renders (upload renditions and transforms) one process runs at once; null = half the processor count
    /// (at least 1): one render already keeps about two cores busy (libvips runs its pipeline on
    /// <see cref="Concurrency"/> threads, and an upload encodes its two renditions side by side), so more only queue
    /// inside the engine. Each holds its decoded pixels in native memory, so this bounds resident memory as well;
    /// others wait (see <see cref="MaxQueuedRenders"/>, <see cref="RenderQueueTimeout"/>).</summary>
    [Range(1, 1024)]
    public int? MaxConcurrentRenders { get; set; }

    /// <summary>Renders that may wait for a slot; the next one is refused at once (503, Retry-After).</summary>
    [Range(0, 100_000)]
    public int MaxQueuedRenders { get; set; } = 64;

    /// <summary>Longest wait for a render slot before the request is refused (503, Retry-After).</summary>
    public TimeSpan RenderQueueTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How glibc's allocator holds render buffers (see <see cref="NativeHeapMode"/>); no effect off glibc.</summary>
    public NativeHeapMode NativeHeap { get; set; } = NativeHeapMode.Retain;

    /// <summary>libvips operation cache. Off by default: every request decodes a new buffer, so cached
    /// operations are never hit and would only pin memory.</summary>
    [Range(0, int.MaxValue)]
    public int CacheMaxOperations { get; set; }

    [Range(0, long.MaxValue)]
    public long CacheMaxMemoryBytes { get; set; }

    [Range(0, int.MaxValue)]
    public int CacheMaxFiles { get; set; }

    /// <summary>Longest side of the display rendition made on upload (never upscaled).</summary>
    [Range(16, 8192)]
    public int DisplayMaxSize { get; set; } = 2048;

    /// <summary>Longest side of the thumbnail made on upload (never upscaled).</summary>
    [Range(16, 8192)]
    public int ThumbnailSize { get; set; } = 400;

    /// <summary>WebP quality of both upload renditions.</summary>
    [Range(1, 100)]
    public int RenditionQuality { get; set; } = 79;

    /// <summary>libwebp effort (0-6) of both upload renditions. Transforms keep libvips' default of 4 (sharp's too).
    /// Renditions are made on every upload, where effort 2 encodes the 2048 px display in 0.45x the CPU time of 4 for
    /// 3.2% more bytes (PSNR 38.03 against 38.28 dB) on the benchmark photos; effort 3 costs as much as 4. Measured
    /// with the <c>renditions</c> benchmark; figures in tests/ImageService.Benchmarks/RESULTS.md.</summary>
    public int RenditionWebpEffort { get; set; } = 2;

    /// <summary>The process's render gate from <see cref="MaxConcurrentRenders"/>, <see cref="MaxQueuedRenders"/> and
    /// <see cref="RenderQueueTimeout"/>.</summary>
    public RenderGate NewRenderGate(TimeProvider time) =>
        new(MaxConcurrentRenders ?? DefaultConcurrentRenders(Environment.ProcessorCount), MaxQueuedRenders, RenderQueueTimeout, time);

    /// <summary>The <see cref="MaxConcurrentRenders"/> used when it is not set.</summary>
    public static int DefaultConcurrentRenders(int processors) => Math.Max(1, processors / 2);

    // RangeAttribute's TimeSpan form converts through reflection, which the trimmed build refuses; the start-up
    // validator (source-generated) calls this as well as the attributes.
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (RenderQueueTimeout < TimeSpan.Zero || RenderQueueTimeout > MaxRenderQueueTimeout)
        {
            yield return new ValidationResult("Imaging:RenderQueueTimeout must be between 00:00:00 and 00:05:00.", [nameof(RenderQueueTimeout)]);
        }
    }
}
