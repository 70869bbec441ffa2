using ImageService.Api.Hosting;
using ImageService.Api.OpenApi;

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
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status500InternalServerError)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        if (groups.HasFlag(ApiRouteGroups.Upload))
        {
            images.MapPost("/", UploadHandlers.UploadImage)
                .WithName("UploadImage")
                .WithSummary("Upload an image (multipart: file, title, description, albumId, tags).")
                .WithDescription("Stores the original, a display WebP (longest side 2048) and a 400 px thumbnail. Files above the inline limit get a 413 of type use-presigned-upload.")
                .WithMultipartUpload()
                .ProducesProblem(400).ProducesProblem(413).ProducesProblem(415).ProducesProblem(422).ProducesProblem(429)
                .DisableAntiforgery()
                .RequireRateLimiting(UploadRateLimitPolicy);
            images.MapPost("/uploads", UploadHandlers.CreateUpload)
                .WithName("CreateUpload")
                .WithSummary("Start a large upload: returns where to send the file, then call the complete URL.")
                .ProducesProblem(400).ProducesProblem(429)
                .RequireRateLimiting(UploadRateLimitPolicy);
            images.MapPost("/{id}/complete", UploadHandlers.CompleteUpload)
                .WithName("CompleteUpload")
                .WithSummary("Process a file sent to the presigned URL; a rejected file discards the upload.")
                .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).ProducesProblem(413).ProducesProblem(415).ProducesProblem(422).ProducesProblem(429)
                .RequireRateLimiting(UploadRateLimitPolicy);
        }
        if (groups.HasFlag(ApiRouteGroups.List))
        {
            images.MapGet("/", CatalogHandlers.ListImages)
                .WithName("ListImages")
                .WithSummary("The caller's images, newest first, optionally by album and/or tag; page with the returned cursor.")
                .ProducesProblem(400);
        }
        if (groups.HasFlag(ApiRouteGroups.Get))
        {
            images.MapGet("/{id}", CatalogHandlers.GetImage)
                .WithName("GetImage")
                .WithSummary("An image's metadata (ETag = version; 304 on If-None-Match).")
                .ProducesProblem(404);
            images.MapGet("/{id}/original", ContentHandlers.GetOriginal).WithName("GetOriginal").WithSummary("The original bytes as uploaded.").ProducesImage();
            images.MapGet("/{id}/display", ContentHandlers.GetDisplay).WithName("GetDisplay").WithSummary("The display rendition (WebP, longest side at most 2048).").ProducesImage();
            images.MapGet("/{id}/thumbnail", ContentHandlers.GetThumbnail).WithName("GetThumbnail").WithSummary("The 400 px thumbnail (WebP).").ProducesImage();
        }
        if (groups.HasFlag(ApiRouteGroups.Transform))
        {
            images.MapGet("/{id}/content", ContentHandlers.GetContent)
                .WithName("GetContent")
                .WithSummary("The image transformed by w, h, dpr, fit, gravity, bg, q, f, blur, rot, flip, flop.")
                .ProducesImage()
                .ProducesProblem(400).ProducesProblem(422);
        }
        if (groups.HasFlag(ApiRouteGroups.Update))
        {
            images.MapPatch("/{id}", CatalogHandlers.UpdateImage)
                .WithName("UpdateImage")
                .WithSummary("Change title, description, albumId, tags (absent = unchanged, null = cleared). Send If-Match with the ETag.")
                .Accepts<ImagePatchRequest>("application/json", "application/merge-patch+json")
                .ProducesProblem(400).ProducesProblem(404).ProducesProblem(412);
        }
        if (groups.HasFlag(ApiRouteGroups.Delete))
        {
            images.MapDelete("/{id}", CatalogHandlers.DeleteImage)
                .WithName("DeleteImage")
                .WithSummary("Delete the image and every stored object of it.")
                .ProducesProblem(404).ProducesProblem(412);
        }
        return routes;
    }

    private static RouteHandlerBuilder ProducesImage(this RouteHandlerBuilder builder) =>
        builder.Produces<byte[]>(StatusCodes.Status200OK, "image/jpeg", "image/png", "image/webp", "image/avif", "image/gif")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound);
}
