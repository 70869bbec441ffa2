using ImageService.Api.Delivery;

namespace ImageService.Api.Accounts;

internal static class DeliveryBaseUrl
{
    /// <summary><c>Delivery:PublicBaseUrl</c> when set (the CDN), else the origin (and path base) of the request.</summary>
    public static string Of(HttpContext context, DeliveryOptions options) =>
        !string.IsNullOrWhiteSpace(options.PublicBaseUrl)
            ? options.PublicBaseUrl.TrimEnd('/')
            : $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}";
}
