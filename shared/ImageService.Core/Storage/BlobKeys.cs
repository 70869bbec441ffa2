namespace ImageService.Core.Storage;

/// <summary>
/// The one place storage keys are made. Separate top-level prefixes keep originals, renditions, derived
/// (transform) results and unprocessed uploads apart, so lifecycle rules and IAM can target each.
/// </summary>
public static class BlobKeys
{
    public const string OriginalsPrefix = "originals/";
    public const string RenditionsPrefix = "renditions/";
    public const string DerivedPrefix = "derived/";
    public const string UploadsPrefix = "uploads/";

    public static string Original(string ownerId, string imageId) => $"{OriginalsPrefix}{ownerId}/{imageId}";

    public static string Display(string ownerId, string imageId) => $"{RenditionsPrefix}{ownerId}/{imageId}/display.webp";

    public static string Thumbnail(string ownerId, string imageId) => $"{RenditionsPrefix}{ownerId}/{imageId}/thumbnail.webp";

    /// <summary>Prefix of every derived result of one image; delete removes it whole.</summary>
    public static string DerivedOf(string ownerId, string imageId) => $"{DerivedPrefix}{ownerId}/{imageId}/";

    /// <summary>A derived result, addressed by the transform's canonical key (same parameters, same key).</summary>
    public static string Derived(string ownerId, string imageId, string canonicalKey) => $"{DerivedOf(ownerId, imageId)}{canonicalKey}";

    /// <summary>Where a presigned (direct-to-storage) upload lands before POST /images/{id}/complete processes it.</summary>
    public static string Upload(string ownerId, string imageId) => $"{UploadsPrefix}{ownerId}/{imageId}";

    /// <summary>Every object one image may own (derived results are under <see cref="DerivedOf"/>).</summary>
    public static IReadOnlyCollection<string> AllFixed(string ownerId, string imageId) =>
        [Original(ownerId, imageId), Display(ownerId, imageId), Thumbnail(ownerId, imageId), Upload(ownerId, imageId)];
}
