using ImageService.Core.Ids;
using ImageService.Core.Images;

namespace ImageService.Api.Images;

internal static class ImageLookup
{
    /// <summary>The owner's record, Pending or Ready. Malformed ids never reach the store.</summary>
    public static Task<ImageRecord?> FindAsync(IImageMetadataStore store, string ownerId, string id, CancellationToken cancellationToken) =>
        ImageIds.IsValid(id) ? store.GetAsync(ownerId, id, cancellationToken) : Task.FromResult<ImageRecord?>(null);

    /// <summary>The owner's record named the way delivery URLs name it: an image id, else the image's own path
    /// (<see cref="ImagePaths"/> never look like ids). Anything that is neither never reaches the store.</summary>
    public static Task<ImageRecord?> FindByIdOrPathAsync(IImageMetadataStore store, string ownerId, string idOrPath, CancellationToken cancellationToken) =>
        ImageIds.IsValid(idOrPath) ? store.GetAsync(ownerId, idOrPath, cancellationToken)
        : ImagePaths.Problem(idOrPath) is null ? store.FindByPathAsync(ownerId, idOrPath, cancellationToken)
        : Task.FromResult<ImageRecord?>(null);

    /// <summary>The owner's Ready record: a Pending upload is not an image yet, so it is 404 outside the upload flow.</summary>
    public static async Task<ImageRecord?> FindReadyAsync(IImageMetadataStore store, string ownerId, string id, CancellationToken cancellationToken) =>
        await FindAsync(store, ownerId, id, cancellationToken) is { Status: ImageStatus.Ready } record ? record : null;
}
