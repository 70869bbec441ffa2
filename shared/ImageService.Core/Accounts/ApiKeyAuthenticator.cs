namespace ImageService.Core.Accounts;

/// <summary>
/// Server-to-server authentication with <c>X-API-Key: sk_…</c>: the account of an active key, or null (401).
/// A suspended account's keys do not authenticate.
/// </summary>
public sealed class ApiKeyAuthenticator(IAccountStore store)
{
    public async Task<ApiKeyIdentity?> AuthenticateAsync(string? presentedSecret, CancellationToken cancellationToken = default)
    {
        if (!ApiKeys.IsWellFormedSecret(presentedSecret))
        {
            return null;
        }

        var candidate = await store.FindKeyBySecretHashAsync(ApiKeys.HashSecret(presentedSecret!), cancellationToken);
        // The lookup is by hash; MatchSecret re-checks it in constant time and rejects revoked keys.
        var key = candidate is null ? null : ApiKeys.MatchSecret(presentedSecret, [candidate]);
        if (key is null)
        {
            return null;
        }

        var account = await store.GetAsync(key.AccountId, cancellationToken);
        return account is { Status: AccountStatus.Active } ? new ApiKeyIdentity(account, key) : null;
    }
}
