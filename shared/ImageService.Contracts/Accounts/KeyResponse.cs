namespace ImageService.Contracts.Accounts;

/// <summary>A secret key as listed: never the secret, only its display prefix.</summary>
public sealed record KeyResponse(string Id, string? Name, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt, bool Active);
