using ImageService.Api.Auth;
using ImageService.Api.Delivery;
using ImageService.Api.Problems;
using ImageService.Core.Images;
using ImageService.Core.Imaging;
using ImageService.Core.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace ImageService.Api.Images;

/// <summary>Image bytes: the stored original and renditions, and transforms rendered on demand and kept under
/// BlobKeys.Derived so a repeat is read from storage.</summary>
internal static class ContentHandlers
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
        string id, CurrentUser user, IImageMetadataStore store, DerivedResults derived, HttpContext context, CancellationToken cancellationToken)
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
        // The owner's own view: no plan limits apply here (those are the delivery route's), only Accept for f=auto.
        var transformContext = new TransformContext(Accept: context.Request.Headers.Accept.ToString());
        var target = await derived.ResolveAsync(record, spec, transformContext, cancellationToken);
        if (spec.Format == OutputFormat.Auto)
        {
            context.Response.Headers.Vary = HeaderNames.Accept;
        }
        if (NotModified(context, target.ETag) is { } notModified)
        {
            return notModified;
        }
        if (await derived.FindAsync(target, cancellationToken) is { } stored)
        {
            return Stream(context, stored.Content, stored.ContentType, target.ETag);
        }
        var rendered = await derived.RenderAsync(target, transformContext, cancellationToken);
        return Stream(context, new MemoryStream(rendered.Bytes, writable: false), rendered.ContentType, target.ETag);
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
}
