using ImageService.Api.Auth;
using ImageService.Api.Problems;
using ImageService.Core.Images;
using ImageService.Core.Imaging;
using ImageService.Core.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace ImageService.Api.Images;

/// <summary>Image bytes: the stored original and renditions, and transforms rendered on demand and kept under
/// BlobKeys.Derived so a repeat is read from storage.</summary>
internal static partial class ContentHandlers
{
    public static Task<Results<FileStreamHttpResult, StatusCodeHttpResult, ProblemHttpResult>> GetOriginal(
        string id, CurrentUser user, IImageMetadataStore store, IBlobStore blobs, HttpContext context, CancellationToken cancellationToken) =>
        ServeStoredAsync(id, "original", BlobKeys.Original, user, store, blobs, context, cancellationToken);

    public static Task<Results<FileStreamHttpResult, StatusCodeHttpResult, ProblemHttpResult>> GetDisplay(
        string id, CurrentUser user, IImageMetadataStore store, IBlobStore blobs, HttpContext context, CancellationToken cancellationToken) =>
        ServeStoredAsync(id, "display", BlobKeys.Display, user, store, blobs, context, cancellationToken);

    public static Task<Results<FileStreamHttpResult, StatusCodeHttpResult, ProblemHttpResult>> GetThumbnail(
        string id, CurrentUser user, IImageMetadataStore store, IBlobStore blobs, HttpContext context, CancellationToken cancellationToken) =>
        ServeStoredAsync(id, "thumbnail", BlobKeys.Thumbnail, user, store, blobs, context, cancellationToken);

    public static async Task<Results<FileStreamHttpResult, StatusCodeHttpResult, ProblemHttpResult>> GetContent(
        string id, CurrentUser user, IImageMetadataStore store, IBlobStore blobs, IImageProcessor processor,
        HttpContext context, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var parameters = context.Request.Query.SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v)));
        if (!TransformSpec.TryParse(parameters, out var spec, out var errors))
        {
            return ApiProblems.Validation(new Dictionary<string, string[]>(errors, StringComparer.Ordinal), "One or more transform parameters are invalid.");
        }
        var record = await ImageLookup.FindReadyAsync(store, user.Id, id, cancellationToken);
        if (record is null)
        {
            return ApiProblems.NotFound();
        }
        var transformContext = new TransformContext(Accept: context.Request.Headers.Accept.ToString());
        byte[]? original = null;
        var format = OutputFormats.Resolve(spec.Format, record.Format, hasAlpha: false, transformContext);
        if (format != OutputFormats.Resolve(spec.Format, record.Format, hasAlpha: true, transformContext))
        {
            // Only alpha decides the format here, and only the header knows it.
            original = await ReadOriginalAsync(blobs, record, cancellationToken);
            format = OutputFormats.Resolve(spec.Format, record.Format, processor.Probe(original).HasAlpha, transformContext);
        }
        var canonicalKey = spec.CanonicalKey(format);
        var etag = $"\"{Path.GetFileNameWithoutExtension(canonicalKey)}\"";
        if (spec.Format == OutputFormat.Auto)
        {
            context.Response.Headers.Vary = HeaderNames.Accept;
        }
        if (NotModified(context, etag) is { } notModified)
        {
            return notModified;
        }
        var key = BlobKeys.Derived(record.OwnerId, record.Id, canonicalKey);
        var stored = await blobs.GetAsync(key, cancellationToken);
        if (stored is not null)
        {
            return Stream(context, stored.Content, stored.ContentType, etag);
        }
        original ??= await ReadOriginalAsync(blobs, record, cancellationToken);
        var rendered = processor.Transform(original, spec with { Format = ToOutputFormat(format) }, transformContext);
        await blobs.PutAsync(key, rendered.Bytes, new BlobWriteOptions(rendered.ContentType, ImageIngest.ImmutableCacheControl), cancellationToken);
        var logger = loggers.CreateLogger("ImageService.Api.Images.ContentHandlers");
        LogRendered(logger, record.Id, canonicalKey, rendered.Bytes.Length);
        return Stream(context, new MemoryStream(rendered.Bytes, writable: false), rendered.ContentType, etag);
    }

    private static async Task<Results<FileStreamHttpResult, StatusCodeHttpResult, ProblemHttpResult>> ServeStoredAsync(
        string id, string kind, Func<string, string, string> keyOf, CurrentUser user, IImageMetadataStore store, IBlobStore blobs,
        HttpContext context, CancellationToken cancellationToken)
    {
        var record = await ImageLookup.FindReadyAsync(store, user.Id, id, cancellationToken);
        if (record is null)
        {
            return ApiProblems.NotFound();
        }
        // The original is addressed by its hash; renditions are derived from it, so the hash names them too.
        var etag = kind == "original" ? $"\"{record.Sha256}\"" : $"\"{record.Sha256[..32]}-{kind}\"";
        if (NotModified(context, etag) is { } notModified)
        {
            return notModified;
        }
        var blob = await blobs.GetAsync(keyOf(record.OwnerId, record.Id), cancellationToken);
        if (blob is null)
        {
            return ApiProblems.NotFound($"The {kind} of this image is not stored.");
        }
        return Stream(context, blob.Content, blob.ContentType, etag);
    }

    private static StatusCodeHttpResult? NotModified(HttpContext context, string etag)
    {
        if (!HttpCaching.NoneMatchHits(context.Request, etag))
        {
            return null;
        }
        context.Response.Headers.ETag = etag;
        context.Response.Headers.CacheControl = ImageIngest.ImmutableCacheControl;
        return TypedResults.StatusCode(StatusCodes.Status304NotModified);
    }

    private static FileStreamHttpResult Stream(HttpContext context, Stream content, string contentType, string etag)
    {
        context.Response.Headers.CacheControl = ImageIngest.ImmutableCacheControl;
        return TypedResults.Stream(content, contentType, entityTag: EntityTagHeaderValue.Parse(etag), enableRangeProcessing: true);
    }

    private static async Task<byte[]> ReadOriginalAsync(IBlobStore blobs, ImageRecord record, CancellationToken cancellationToken)
    {
        var blob = await blobs.GetAsync(BlobKeys.Original(record.OwnerId, record.Id), cancellationToken)
            ?? throw new NotFoundException($"The original of image {record.Id} is not stored.");
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Rendered {ImageId} as {CanonicalKey} ({Bytes} bytes)")]
    private static partial void LogRendered(ILogger logger, string imageId, string canonicalKey, int bytes);
}
