using System.ComponentModel.DataAnnotations;

namespace ImageService.Imaging;

/// <summary>Engine limits and libvips process settings; bind from the "Imaging" configuration section.
/// Setters, not init: the trimming-safe configuration binding generator skips init-only properties.</summary>
public sealed record ImagingOptions
{
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
}
