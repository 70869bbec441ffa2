using System.Text.Json;

namespace ImageService.Contracts.Accounts;

/// <summary>POST /account/signed-urls. <see cref="Image"/> is an image id or image path of the caller (what follows the
/// public key in the delivery URL, and what the URL will carry); <see cref="Transform"/> holds transform parameters as strings or numbers
/// (<c>{"w": 400, "f": "auto"}</c>); <see cref="ExpiresInSeconds"/> adds <c>exp</c> (none = the URL never expires).</summary>
public sealed record SignedUrlRequest
{
    public string? Image { get; init; }
    public Dictionary<string, JsonElement>? Transform { get; init; }
    public long? ExpiresInSeconds { get; init; }
    /// <summary>One of the account's custom domains: the URL is <c>https://{domain}/{image}?…</c> instead of the CDN's
    /// <c>/{publicKey}/{image}</c>.</summary>
    public string? Domain { get; init; }
}
