using ImageService.Api.Delivery;
using ImageService.Api.Problems;
using ImageService.Core.Imaging;
using ImageService.Core.Storage;
using ImageService.Core.Variants;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
// Every answer of the image-bytes endpoints, named once.
using ImageContent = Microsoft.AspNetCore.Http.HttpResults.Results<
    Microsoft.AspNetCore.Http.HttpResults.FileStreamHttpResult,
    ImageService.Api.Images.NotModified,
    Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult>;

namespace ImageService.Api.Images;

/// <summary>Image bytes: the stored original and renditions, and transforms rendered on demand and kept under
/// BlobKeys.Derived so a repeat is read from storage.</summary>
internal static class ContentHandlers
{
    public static Task<ImageContent> GetOriginal(string id, [AsParameters] ContentServices services) =>
        ServeStoredAsync(id, "original", BlobKeys.Original, services);

    public static Task<ImageContent> GetDisplay(string id, [AsParameters] ContentServices services) =>
        ServeStoredAsync(id, "display", BlobKeys.Display, services);

    public static Task<ImageContent> GetThumbnail(string id, [AsParameters] ContentServices services) =>
        ServeStoredAsync(id, "thumbnail", BlobKeys.Thumbnail, services);

    public static async Task<ImageContent> GetContent(string id, [AsParameters] ContentServices services)
    {
        var (context, derived, cancellationToken) = (services.Context, services.Derived, services.CancellationToken);
        var parameters = context.Request.Query.SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v))).ToList();
        TransformSpec spec;
        if (parameters.Exists(p => p.Key == VariantNames.Parameter))
        {
            // ?variant={name} as on the delivery route (alone, the owner's variant), whatever allowArbitraryTransforms
            // says: that setting guards the public route, not the owner's own view.
            var named = await services.Transforms.ResolveVariantAsync(services.User.Id, parameters, cancellationToken);
            switch (named.Status)
            {
                case DeliveryTransformStatus.Invalid:
                    return ApiProblems.Validation(new Dictionary<string, string[]>(named.Errors, StringComparer.Ordinal), "The variant parameter is invalid.");
                case DeliveryTransformStatus.VariantNotFound:
                    return ApiProblems.NotFound("You have no variant of this name.");
            }
            spec = named.Spec!;
        }
        else if (!TransformSpec.TryParse(parameters, out spec, out var errors))
        {
            return ApiProblems.Validation(new Dictionary<string, string[]>(errors, StringComparer.Ordinal), "One or more transform parameters are invalid.");
        }
        var record = await ImageLookup.FindReadyAsync(services.Store, services.User.Id, id, cancellationToken);
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
        if (IsNotModified(context, target.ETag))
        {
            return NotModified.Instance;
        }
        if (await derived.FindAsync(target, cancellationToken) is { } stored)
        {
            return Stream(context, stored.Content, stored.ContentType, target.ETag);
        }
        var rendered = await derived.RenderAsync(target, transformContext, cancellationToken);
        RenderLog.Rendered(services.RenderLogger, target, rendered);
        return Stream(context, new MemoryStream(rendered.Bytes, writable: false), rendered.ContentType, target.ETag);
    }

    private static async Task<ImageContent> ServeStoredAsync(string id, string kind, Func<string, string, string> keyOf, ContentServices services)
    {
        var record = await ImageLookup.FindReadyAsync(services.Store, services.User.Id, id, services.CancellationToken);
        if (record is null)
        {
            return ApiProblems.NotFound();
        }
        // The original is addressed by its hash; renditions are derived from it, so the hash names them too.
        var etag = kind == "original" ? $"\"{record.Sha256}\"" : $"\"{record.Sha256[..32]}-{kind}\"";
        if (IsNotModified(services.Context, etag))
        {
            return NotModified.Instance;
        }
        var blob = await services.Blobs.GetAsync(keyOf(record.OwnerId, record.Id), services.CancellationToken);
        if (blob is null)
        {
            return ApiProblems.NotFound($"The {kind} of this image is not stored.");
        }
        return Stream(services.Context, blob.Content, blob.ContentType, etag);
    }

    /// <summary>If-None-Match names the current representation: answer 304 with its validators.</summary>
    private static bool IsNotModified(HttpContext context, string etag)
    {
        if (!HttpCaching.NoneMatchHits(context.Request, etag))
        {
            return false;
        }
        context.Response.Headers.ETag = etag;
        context.Response.Headers.CacheControl = ImageIngest.ImmutableCacheControl;
        return true;
    }

    private static FileStreamHttpResult Stream(HttpContext context, Stream content, string contentType, string etag)
    {
        context.Response.Headers.CacheControl = ImageIngest.ImmutableCacheControl;
        return TypedResults.Stream(content, contentType, entityTag: EntityTagHeaderValue.Parse(etag), enableRangeProcessing: true);
    }
}
