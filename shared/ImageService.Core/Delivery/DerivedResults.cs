using System.Diagnostics;
using ImageService.Core.Images;
using ImageService.Core.Imaging;
using ImageService.Core.Storage;

namespace ImageService.Core.Delivery;

/// <summary>
/// Transform results kept in storage under <see cref="BlobKeys.Derived"/>: resolve the concrete output format (f=auto
/// from Accept and plan, alpha read from the original only when it decides), look the result up, else render and store
/// it. Shared by the delivery route, GET /images/{id}/content and the variant renderer (eager renditions), so all of them
/// address one transform of one image by the same key; each route sets its own response headers. Callers log renders
/// (Core has no logging); <see cref="IRenderObserver"/>s see every render (the API's render-time metric). Renders take
/// a slot of the process's <see cref="RenderGate"/> for the engine's work only.
/// </summary>
public sealed class DerivedResults(IBlobStore blobs, IImageMetadataStore metadata, IImageProcessor processor, RenderGate gate, IEnumerable<IRenderObserver> observers)
{
    /// <summary>Cache-Control stored with every derived result: the canonical key names the exact transform, so the
    /// bytes under a key never change.</summary>
    public const string StoredCacheControl = "public, max-age=31536000, immutable";

    public async Task<DerivedTarget> ResolveAsync(ImageRecord image, TransformSpec spec, TransformContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(spec);
        byte[]? original = null;
        var format = OutputFormats.Resolve(spec.Format, image.Format, hasAlpha: false, context);
        if (format != OutputFormats.Resolve(spec.Format, image.Format, hasAlpha: true, context))
        {
            original = await ReadOriginalAsync(image, cancellationToken);
            format = OutputFormats.Resolve(spec.Format, image.Format, processor.Probe(original).HasAlpha, context);
        }
        var canonicalKey = spec.CanonicalKey(format);
        return new DerivedTarget(image, spec with { Format = ToOutputFormat(format) }, format, canonicalKey,
            BlobKeys.Derived(image.OwnerId, image.Id, canonicalKey), original);
    }

    /// <summary>The stored result, or null on a derived-cache miss. The caller disposes it.</summary>
    public Task<StoredBlob?> FindAsync(DerivedTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        return blobs.GetAsync(target.BlobKey, cancellationToken);
    }

    /// <summary>Whether the result is stored, without reading it.</summary>
    public Task<bool> ExistsAsync(DerivedTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        return blobs.ExistsAsync(target.BlobKey, cancellationToken);
    }

    /// <summary>Renders the result with the engine and stores it before returning (a concurrent twin renders the same bytes).</summary>
    public async Task<RenderedImage> RenderAsync(DerivedTarget target, TransformContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var original = target.Original ?? await ReadOriginalAsync(target.Image, cancellationToken);
        RenderedImage rendered;
        TimeSpan engineTime;
        using (await gate.EnterAsync(cancellationToken))
        {
            // Timed inside the slot: the metric is the engine's time, not the queue's.
            var started = Stopwatch.GetTimestamp();
            rendered = processor.Transform(original, target.Spec, context);
            engineTime = Stopwatch.GetElapsedTime(started);
        }
        await blobs.PutAsync(target.BlobKey, rendered.Bytes, new BlobWriteOptions(rendered.ContentType, StoredCacheControl), cancellationToken);
        // A delete that ran while this render was in flight removed the image's derived results before this one was
        // stored (found by the soak: a deleted image kept one result on disk). The delete removes the record first, so
        // reading it after the write sees any such delete; then this result goes too.
        if (await metadata.GetAsync(target.Image.OwnerId, target.Image.Id, cancellationToken) is null)
        {
            await blobs.DeleteAsync([target.BlobKey], CancellationToken.None);
        }
        foreach (var observer in observers)
        {
            observer.Rendered(target, rendered, engineTime);
        }
        return rendered;
    }

    private async Task<byte[]> ReadOriginalAsync(ImageRecord image, CancellationToken cancellationToken)
    {
        var blob = await blobs.GetAsync(BlobKeys.Original(image.OwnerId, image.Id), cancellationToken)
            ?? throw new NotFoundException(StoredItem.ImageFile, $"The original of image {image.Id} is not stored.");
        await using (blob)
        {
            var bytes = new byte[blob.Length];
            await blob.Content.ReadExactlyAsync(bytes, cancellationToken);
            return bytes;
        }
    }

    private static OutputFormat ToOutputFormat(string token) => token switch
    {
        OutputFormats.Jpeg => OutputFormat.Jpeg,
        OutputFormats.Png => OutputFormat.Png,
        OutputFormats.Webp => OutputFormat.Webp,
        OutputFormats.Avif => OutputFormat.Avif,
        OutputFormats.Gif => OutputFormat.Gif,
        _ => throw new ArgumentOutOfRangeException(nameof(token), token, "Not an output format."),
    };
}
