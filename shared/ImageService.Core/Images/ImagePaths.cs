using ImageService.Core.Ids;

namespace ImageService.Core.Images;

/// <summary>
/// An image's optional path: the customer's own name for it in delivery URLs, <c>/{publicKey}/products/red-shoe.jpg</c>
/// instead of <c>/{publicKey}/{imageId}</c>. Unique per owner (the stores refuse a path another of the owner's images
/// holds). Rules: 1 to 256 characters, <c>/</c>-separated segments of letters, digits, <c>.</c> <c>_</c> <c>-</c>
/// <c>~</c> (no empty, <c>.</c> or <c>..</c> segment), case-sensitive, never an image id (so the delivery route knows
/// which lookup a URL means), and not starting with a segment the service's own routes use (images, account, …).
/// </summary>
public static class ImagePaths
{
    public const int MaxLength = 256;

    // First segments the service's own routes use (and the CDN's renditions behaviour): on a custom domain the image
    // path is the whole URL path, so a path starting with one of these would reach that route instead of the image.
    private static readonly HashSet<string> ReservedFirstSegments = new(StringComparer.OrdinalIgnoreCase)
    {
        "images", "account", "usage", "health", "openapi", "server", "renditions", "uploads", "delivery-results",
    };

    /// <summary>Null when <paramref name="path"/> is acceptable, else why not (for a 400 on the <c>path</c> field).</summary>
    public static string? Problem(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length is 0 or > MaxLength)
        {
            return $"Give 1 to {MaxLength} characters, such as products/red-shoe.jpg.";
        }
        foreach (var segment in path.Split('/'))
        {
            if (segment.Length == 0 || segment is "." or "..")
            {
                return "Segments between slashes must not be empty, '.' or '..' (and no leading or trailing slash).";
            }
            if (!segment.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '~'))
            {
                return "Use letters, digits, '.', '_', '-' and '~' between slashes.";
            }
        }
        if (ReservedFirstSegments.Contains(path.Split('/')[0]))
        {
            return $"A path must not start with '{path.Split('/')[0]}', which the service's own routes use.";
        }
        return ImageIds.IsValid(path) ? "A path must not look like an image id." : null;
    }
}
