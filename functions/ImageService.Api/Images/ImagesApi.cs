using ImageService.Api.Hosting;
using ImageService.Api.OpenApi;
using ImageService.Api.Problems;

namespace ImageService.Api.Images;

/// <summary>The management API under /images (owner-only, bearer token). Which endpoints exist in this process is
/// decided here, per route group (the embedded backend's upload URL is mapped with the backend, in Hosting).</summary>
public static class ImagesApi
{
    public const string UploadRateLimitPolicy = "uploads";

    public static IEndpointRouteBuilder MapImagesApi(this IEndpointRouteBuilder routes, ApiRouteGroups groups)
    {
        ArgumentNullException.ThrowIfNull(routes);
        var images = routes.MapGroup("/images")
            .RequireAuthorization()
            .WithTags("Images")
            .ProducesProblems(ProblemTypes.Unauthorized, ProblemTypes.Forbidden, ProblemTypes.Internal, ProblemTypes.StorageUnavailable);

        if (groups.HasFlag(ApiRouteGroups.Upload))
        {
            images.MapPost("/", UploadHandlers.UploadImage)
                .WithName("UploadImage")
                .WithSummary("Upload an image (multipart: file, title, description, albumId, tags).")
                .WithDescription("Stores the original, a display WebP (longest side 2048) and a 400 px thumbnail. Files above the inline limit get a 413 of type use-presigned-upload.")
                .WithMultipartUpload()
                .ProducesProblems(ProblemTypes.Validation, ProblemTypes.Conflict, ProblemTypes.TooLarge, ProblemTypes.UsePresignedUpload,
                    ProblemTypes.UnsupportedMediaType, ProblemTypes.UnprocessableImage, ProblemTypes.TooManyRequests, ProblemTypes.RenderQueueFull)
                .DisableAntiforgery()
                .RequireRateLimiting(UploadRateLimitPolicy);
            images.MapPost("/uploads", UploadHandlers.CreateUpload)
                .WithName("CreateUpload")
                .WithSummary("Start a large upload: returns where to send the file, then call the complete URL.")
                .WithDescription("Creates a pending image holding the metadata. Send the file with the returned method, URL, fields and headers (S3: POST with fields; embedded backend: PUT), then POST the complete URL.")
                .ProducesProblems(ProblemTypes.Validation, ProblemTypes.Conflict, ProblemTypes.TooManyRequests)
                .RequireRateLimiting(UploadRateLimitPolicy);
            images.MapPost("/{id}/complete", UploadHandlers.CompleteUpload)
                .WithName("CompleteUpload")
                .WithSummary("Process a file sent to the presigned URL; a rejected file discards the upload.")
                .ProducesProblems(ProblemTypes.Validation, ProblemTypes.NotFound, ProblemTypes.Conflict, ProblemTypes.UploadMissing, ProblemTypes.TooLarge,
                    ProblemTypes.UnsupportedMediaType, ProblemTypes.UnprocessableImage, ProblemTypes.TooManyRequests, ProblemTypes.RenderQueueFull)
                .RequireRateLimiting(UploadRateLimitPolicy);
        }
        if (groups.HasFlag(ApiRouteGroups.List))
        {
            images.MapGet("/", CatalogHandlers.ListImages)
                .WithName("ListImages")
                .WithSummary("The caller's images, newest first, optionally by album and/or tag; page with the returned cursor.")
                .WithDescription("limit is 1-100 (default 20). Pass `next` back as cursor, with the same albumId and tag, for the following page; a cursor is refused for another listing.")
                .ProducesProblems(ProblemTypes.Validation);
        }
        if (groups.HasFlag(ApiRouteGroups.Get))
        {
            images.MapGet("/{id}", CatalogHandlers.GetImage)
                .WithName("GetImage")
                .WithSummary("An image's metadata (ETag = version; 304 on If-None-Match).")
                .ProducesProblems(ProblemTypes.NotFound);
            images.MapGet("/{id}/original", ContentHandlers.GetOriginal).WithName("GetOriginal").WithSummary("The original bytes as uploaded.")
                .ProducesImage().ProducesProblems(ProblemTypes.NotFound);
            images.MapGet("/{id}/display", ContentHandlers.GetDisplay).WithName("GetDisplay").WithSummary("The display rendition (WebP, longest side at most 2048).")
                .ProducesImage().ProducesProblems(ProblemTypes.NotFound);
            images.MapGet("/{id}/thumbnail", ContentHandlers.GetThumbnail).WithName("GetThumbnail").WithSummary("The 400 px thumbnail (WebP).")
                .ProducesImage().ProducesProblems(ProblemTypes.NotFound);
        }
        if (groups.HasFlag(ApiRouteGroups.Transform))
        {
            images.MapGet("/{id}/content", ContentHandlers.GetContent)
                .WithName("GetContent")
                .WithSummary("The image transformed by w, h, dpr, fit, gravity, bg, q, f, blur, rot, flip, flop, or by ?variant={name} alone.")
                .WithDescription("The owner's own view: no plan limits apply, and allowArbitraryTransforms does not either. Results are stored, so a repeat is read from storage; f=auto answers with Vary: Accept.")
                .ProducesImage()
                .ProducesProblems(ProblemTypes.Validation, ProblemTypes.NotFound, ProblemTypes.UnprocessableImage, ProblemTypes.RenderQueueFull);
        }
        if (groups.HasFlag(ApiRouteGroups.Update))
        {
            images.MapPatch("/{id}", CatalogHandlers.UpdateImage)
                .WithName("UpdateImage")
                .WithSummary("Change title, description, albumId, tags (absent = unchanged, null = cleared). Send If-Match with the ETag.")
                .Accepts<ImagePatchRequest>("application/json", "application/merge-patch+json")
                .ProducesProblems(ProblemTypes.Validation, ProblemTypes.NotFound, ProblemTypes.Conflict, ProblemTypes.PreconditionFailed);
        }
        if (groups.HasFlag(ApiRouteGroups.Delete))
        {
            images.MapDelete("/{id}", CatalogHandlers.DeleteImage)
                .WithName("DeleteImage")
                .WithSummary("Delete the image and every stored object of it.")
                .WithDescription("Send If-Match with the ETag to delete only the version you saw. Delivery caches of the image are invalidated.")
                .ProducesProblems(ProblemTypes.NotFound, ProblemTypes.PreconditionFailed);
        }
        return routes;
    }
}
