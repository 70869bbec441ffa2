namespace ImageService.Core.Accounts;

/// <summary>
/// Accounts and their secret keys, implemented by the embedded (SQLite) and AWS (DynamoDB) backends with the same
/// observable behaviour. Every write that could race is conditional (insert-if-absent, version check), so both a
/// SQLite transaction and a DynamoDB condition expression can implement it exactly.
/// </summary>
public interface IAccountStore
{
    /// <summary>The account of a JWT subject, or null.</summary>
    Task<Account?> GetAsync(string accountId, CancellationToken cancellationToken = default);

    /// <summary>The account whose delivery URLs use <paramref name="publicKey"/>, or null (the delivery route answers 404).</summary>
    Task<Account?> FindByPublicKeyAsync(string publicKey, CancellationToken cancellationToken = default);

    /// <summary>The account that delivers from the custom domain <paramref name="host"/> (normalized, see
    /// <see cref="CustomDomains"/>), or null.</summary>
    Task<Account?> FindByCustomDomainAsync(string host, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores <paramref name="account"/> unless an account with its id exists, and returns the stored one: concurrent
    /// first requests of one user all get the same account (and the same public key). Accounts start without custom
    /// domains (<see cref="Account.CustomDomains"/> of <paramref name="account"/> is not stored; UpdateAsync claims them). Throws
    /// <see cref="Storage.ConflictException"/> only if the new public key is already another account's.
    /// </summary>
    Task<Account> CreateIfAbsentAsync(Account account, CancellationToken cancellationToken = default);

    /// <summary>Replaces the account if its stored Version equals <paramref name="expectedVersion"/>; the new record
    /// carries the new version and the same public key. Its <see cref="Account.CustomDomains"/> are claimed and the
    /// domains it no longer lists released in the same atomic write. Throws <see cref="Storage.PreconditionFailedException"/>
    /// on a version mismatch, <see cref="Storage.ConflictException"/> when another account holds one of the domains (nothing
    /// is written), and <see cref="Storage.NotFoundException"/> when the account is absent.</summary>
    Task UpdateAsync(Account updated, long expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>Stores a new key. Throws <see cref="Storage.ConflictException"/> when its id or hash is in use.</summary>
    Task AddKeyAsync(ApiKey key, CancellationToken cancellationToken = default);

    /// <summary>
    /// Marks the account's key revoked at <paramref name="revokedAt"/> and returns it; a key revoked before keeps its
    /// first revocation time (idempotent). Null when the account has no such key (the API answers 404).
    /// </summary>
    Task<ApiKey?> RevokeKeyAsync(string accountId, string keyId, DateTimeOffset revokedAt, CancellationToken cancellationToken = default);

    /// <summary>Every key of the account, revoked ones included, newest first.</summary>
    Task<IReadOnlyList<ApiKey>> ListKeysAsync(string accountId, CancellationToken cancellationToken = default);

    /// <summary>The account's keys that may sign URLs and authenticate (not revoked), newest first.</summary>
    Task<IReadOnlyList<ApiKey>> ListActiveKeysAsync(string accountId, CancellationToken cancellationToken = default);

    /// <summary>The key (active or revoked) whose <see cref="ApiKey.SecretHash"/> is <paramref name="secretHash"/>, or null:
    /// how <c>X-API-Key</c> finds its account. Use <see cref="ApiKeyAuthenticator"/> rather than calling this directly.</summary>
    Task<ApiKey?> FindKeyBySecretHashAsync(string secretHash, CancellationToken cancellationToken = default);
}
