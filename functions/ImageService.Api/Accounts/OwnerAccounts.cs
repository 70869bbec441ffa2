using ImageService.Core.Accounts;
using ImageService.Core.Billing;

namespace ImageService.Api.Accounts;

/// <summary>The caller's account, created with the default plan on first use. Concurrent first requests of one user
/// all get the same account: the store inserts only if absent and returns the stored one.</summary>
public sealed class OwnerAccounts(IAccountStore store, PlanCatalog plans, TimeProvider time)
{
    public async Task<Account> GetOrCreateAsync(string ownerId, CancellationToken cancellationToken) =>
        await store.GetAsync(ownerId, cancellationToken)
        ?? await store.CreateIfAbsentAsync(Account.New(ownerId, plans.Default.Id, time.GetUtcNow()), cancellationToken);
}
