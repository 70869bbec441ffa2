using ImageService.Core.Delivery;
using Microsoft.Net.Http.Headers;

namespace ImageService.Api.Delivery;

/// <summary>The caching and CORS headers of delivery responses (200, 304 and redirects alike).</summary>
internal static class DeliveryHeaders
{
    /// <summary>Derived results never change under their URL (the canonical key names the exact transform), so CDNs and
    /// browsers may keep them for a year.</summary>
    public const string PublicImmutable = DerivedResults.StoredCacheControl;

    /// <summary>A variant URL (<c>?variant={name}</c>) changes meaning when its owner changes the variant: the CDN keeps it a
    /// day and is purged on a change; browsers, which cannot be purged, an hour (then revalidate with the ETag, a 304).</summary>
    public const string Variant = "public, max-age=3600, s-maxage=86400";

    private const string AcceptAndOrigin = "Accept, Origin";

    public static void Apply(HttpResponse response, string? accessControlAllowOrigin, bool variesOnAccept)
    {
        // The answer echoes one Origin (anything but "*"): a shared cache must not hand it to another site.
        var variesOnOrigin = accessControlAllowOrigin is not null && accessControlAllowOrigin != "*";
        if (accessControlAllowOrigin is not null)
        {
            response.Headers.AccessControlAllowOrigin = accessControlAllowOrigin;
        }
        // Constant values: nothing is built per request.
        var vary = (variesOnAccept, variesOnOrigin) switch
        {
            (true, true) => AcceptAndOrigin,
            (true, false) => HeaderNames.Accept,
            (false, true) => HeaderNames.Origin,
            _ => null,
        };
        if (vary is not null)
        {
            response.Headers.Vary = vary;
        }
    }
}
