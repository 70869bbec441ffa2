using ImageService.Core.Accounts;

namespace ImageService.Core.Tests.CdnLogs;

/// <summary>The lookups the ingestor uses, over a fixed set of accounts; it counts lookups so tests can see caching.</summary>
internal sealed class LogAccounts(params Account[] accounts) : IAccountStore
{
    public int Lookups { get; private set; }

    public static Account Account(string id, string publicKey, params string[] domains) => new()
    {
        Id = id, PlanId = "business", PublicKey = publicKey, CustomDomains = domains,
        CreatedAt = DateTimeOffset.UnixEpoch, UpdatedAt = DateTimeOffset.UnixEpoch, Version = 1,
    };

    public Task<Account?> FindByPublicKeyAsync(string publicKey, CancellationToken cancellationToken = default)
    {
        Lookups++;
        return Task.FromResult(accounts.FirstOrDefault(a => a.PublicKey == publicKey));
    }

    public Task<Account?> FindByCustomDomainAsync(string host, CancellationToken cancellationToken = default)
    {
        Lookups++;
        return Task.FromResult(accounts.FirstOrDefault(a => a.CustomDomains.Contains(host)));
    }

    public Task<Account?> GetAsync(string accountId, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task<Account> CreateIfAbsentAsync(Account account, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task UpdateAsync(Account updated, long expectedVersion, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task AddKeyAsync(ApiKey key, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task<ApiKey?> RevokeKeyAsync(string accountId, string keyId, DateTimeOffset revokedAt, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task<IReadOnlyList<ApiKey>> ListKeysAsync(string accountId, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task<IReadOnlyList<ApiKey>> ListActiveKeysAsync(string accountId, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task<ApiKey?> FindKeyBySecretHashAsync(string secretHash, CancellationToken cancellationToken = default) => throw new NotSupportedException();
}
