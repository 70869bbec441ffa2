using ImageService.Core.Accounts;

namespace ImageService.Api.Accounts;

/// <summary>A secret key as listed: never the secret, only its display prefix.</summary>
public sealed record KeyResponse(string Id, string? Name, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt, bool Active)
{
    public static KeyResponse From(ApiKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return new(key.Id, key.Name, key.Prefix, key.CreatedAt, key.RevokedAt, key.IsActive);
    }
}
