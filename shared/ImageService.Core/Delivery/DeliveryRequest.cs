namespace ImageService.Core.Delivery;

/// <summary>
/// What the delivery route knows before touching the image: the <c>pk_…</c> segment, the decoded request path
/// (<c>/{publicKey}/{image id or path}</c>, e.g. <c>HttpRequest.Path.Value</c>), the raw query string (still
/// percent-encoded, e.g. <c>HttpRequest.QueryString.Value</c>), and the Origin and Referer headers.
/// </summary>
public sealed record DeliveryRequest(string PublicKey, string Path, string? RawQuery, string? Origin = null, string? Referer = null);
