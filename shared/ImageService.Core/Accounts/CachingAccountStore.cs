using System.Collections.Concurrent;

namespace ImageService.Core.Accounts;

/// <summary>
/// Keeps what every delivery request reads — the account of a public key or custom domain and the account's active keys — in memory for
/// <see cref="Lifetime"/>, so a hot URL does not read the store on every request. Writes through this decorator drop the
/// account's entries at once, so in this process a suspension, a plan or origin change, or a revoked key takes effect on
/// the next request. Accepted staleness: another process or instance writing the same store (another Lambda instance,
/// another API process on the same SQLite file) is seen after at most <see cref="Lifetime"/> (2 s). Unknown keys are not
/// cached, so a new account's URLs work at once. Everything else passes through.
/// </summary>
public sealed class CachingAccountStore(IAccountStore inner, TimeProvider time) : IAccountStore
{
    /// <summary>How long a read is served from memory when no write in this process invalidated it.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(2);

    // A bound on memory with many accounts: past it the caches start over (they refill from the store in one read each).
    private const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, Entry<Account>> _byPublicKey = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Entry<Account>> _byDomain = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Entry<IReadOnlyList<ApiKey>>> _activeKeys = new(StringComparer.Ordinal);

    // Bumped by every write: a read that started before a write must not put what it read into the cache after the
    // write dropped the entry (it could be the old state).
    private long _generation;

    public Task<Account?> GetAsync(string accountId, CancellationToken cancellationToken = default) =>
        inner.GetAsync(accountId, cancellationToken);

    public Task<Account?> FindByPublicKeyAsync(string publicKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        return FindAsync(_byPublicKey, publicKey, inner.FindByPublicKeyAsync, cancellationToken);
    }

    public Task<Account?> FindByCustomDomainAsync(string host, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(host);
        return FindAsync(_byDomain, host, inner.FindByCustomDomainAsync, cancellationToken);
    }

    public async Task<IReadOnlyList<ApiKey>> ListActiveKeysAsync(string accountId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(accountId);
        var now = time.GetUtcNow();
        if (_activeKeys.TryGetValue(accountId, out var cached) && cached.ExpiresAt > now)
        {
            return cached.Value;
        }
        var generation = Interlocked.Read(ref _generation);
        var keys = await inner.ListActiveKeysAsync(accountId, cancellationToken).ConfigureAwait(false);
        Remember(_activeKeys, accountId, keys, generation, now);
        return keys;
    }

    public async Task<Account> CreateIfAbsentAsync(Account account, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        try
        {
            return await inner.CreateIfAbsentAsync(account, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Invalidate(account.Id);
        }
    }

    public async Task UpdateAsync(Account updated, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(updated);
        try
        {
            await inner.UpdateAsync(updated, expectedVersion, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // Also after a failure: the write may have happened before the error reached us.
            Invalidate(updated.Id);
        }
    }

    public async Task AddKeyAsync(ApiKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        try
        {
            await inner.AddKeyAsync(key, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Invalidate(key.AccountId);
        }
    }

    public async Task<ApiKey?> RevokeKeyAsync(string accountId, string keyId, DateTimeOffset revokedAt, CancellationToken cancellationToken = default)
    {
        try
        {
            return await inner.RevokeKeyAsync(accountId, keyId, revokedAt, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Invalidate(accountId);
        }
    }

    public Task<IReadOnlyList<ApiKey>> ListKeysAsync(string accountId, CancellationToken cancellationToken = default) =>
        inner.ListKeysAsync(accountId, cancellationToken);

    public Task<ApiKey?> FindKeyBySecretHashAsync(string secretHash, CancellationToken cancellationToken = default) =>
        inner.FindKeyBySecretHashAsync(secretHash, cancellationToken);

    private async Task<Account?> FindAsync(
        ConcurrentDictionary<string, Entry<Account>> cache, string key, Func<string, CancellationToken, Task<Account?>> read, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (cache.TryGetValue(key, out var cached) && cached.ExpiresAt > now)
        {
            return cached.Value;
        }
        var generation = Interlocked.Read(ref _generation);
        var account = await read(key, cancellationToken).ConfigureAwait(false);
        if (account is not null)
        {
            Remember(cache, key, account, generation, now);
        }
        return account;
    }

    private void Remember<T>(ConcurrentDictionary<string, Entry<T>> cache, string key, T value, long generation, DateTimeOffset now)
    {
        if (cache.Count >= MaxEntries)
        {
            cache.Clear();
        }
        cache[key] = new Entry<T>(value, now + Lifetime);
        // A write ran while we read: what we read may predate it, so it must not stay.
        if (Interlocked.Read(ref _generation) != generation)
        {
            cache.TryRemove(key, out _);
        }
    }

    private void Invalidate(string accountId)
    {
        Interlocked.Increment(ref _generation);
        _activeKeys.TryRemove(accountId, out _);
        foreach (var cache in new[] { _byPublicKey, _byDomain })
        {
            foreach (var (key, entry) in cache)
            {
                if (entry.Value.Id == accountId)
                {
                    cache.TryRemove(key, out _);
                }
            }
        }
    }

    private sealed record Entry<T>(T Value, DateTimeOffset ExpiresAt);
}
