namespace ImageService.Core.Accounts;

/// <summary>
/// A secret key (<c>sk_…</c>) as stored: never the secret itself, only its SHA-256. Several keys may be active at
/// once (rotation); a revoked key neither authenticates nor verifies signatures.
/// </summary>
public sealed record ApiKey
{
    /// <summary>Stable id used in <c>DELETE /account/keys/{id}</c>; not secret.</summary>
    public required string Id { get; init; }
    public required string AccountId { get; init; }
    /// <summary>The first characters of the secret (<c>sk_AbCd…</c>), safe to display so users can tell keys apart.</summary>
    public required string Prefix { get; init; }
    /// <summary>Lower-case hex SHA-256 of the secret's UTF-8 bytes. Also the URL-signing key (see <see cref="ApiKeys.SigningKey"/>), so it must never leave the store.</summary>
    public required string SecretHash { get; init; }
    /// <summary>Optional label chosen by the user ("production", "ci").</summary>
    public string? Name { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? RevokedAt { get; init; }

    public bool IsActive => RevokedAt is null;
}
