namespace ImageService.Core.Delivery;

/// <summary>
/// What the delivery route knows before touching the image: the <c>pk_…</c> segment, the decoded request path
/// (<c>/{publicKey}/{image id or path}</c>, e.g. <c>HttpRequest.Path.Value</c>), the raw query string (still
/// percent-encoded, e.g. <c>HttpRequest.QueryString.Value</c>), and the Origin and Referer headers. A request on a
/// customer's own domain (<c>https://img.shop.example/{image}</c>) names the account by <see cref="CustomDomain"/>
/// instead of a public key (<see cref="ForCustomDomain"/>).
/// </summary>
public sealed record DeliveryRequest(string PublicKey, string Path, string? RawQuery, string? Origin = null, string? Referer = null)
{
    /// <summary>The normalized host of a custom-domain request (<see cref="Accounts.CustomDomains.FromRequestHost"/>); null for <c>/{publicKey}/…</c>.</summary>
    public string? CustomDomain { get; init; }

    public static DeliveryRequest ForCustomDomain(string host, string path, string? rawQuery, string? origin = null, string? referer = null) =>
        new("", path, rawQuery, origin, referer) { CustomDomain = host };
}
