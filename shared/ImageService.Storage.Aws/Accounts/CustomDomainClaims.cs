using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using ImageService.Core.Accounts;
using ImageService.Core.Storage;

namespace ImageService.Storage.Aws.Accounts;

/// <summary>
/// Exclusive claims on custom domains through <see cref="ConditionalClaims"/>: one item <c>DOMAIN#{host}</c> /
/// <c>DOMAIN</c> per host naming the account (<c>AccountId</c>). An update claims first, writes the account with its
/// version condition, then releases; the account item stays the truth. A claim counts only while its account lists the
/// host, and a claim its account does not list is stale (reclaimable) once that account has moved past <c>Base</c>:
/// the update that made it can then no longer succeed.
/// </summary>
internal sealed class CustomDomainClaims(IAmazonDynamoDB dynamoDb, string table, Func<string, CancellationToken, Task<Account?>> getAccount)
{
    private static readonly ClaimItemShape Shape = new(
        host => AccountsTable.Key(AccountsTable.DomainPk(host), AccountsTable.DomainSk), AccountsTable.Pk, "AccountId");

    private readonly ConditionalClaims _claims = new(dynamoDb, table, Shape);

    /// <summary>Claims <paramref name="hosts"/> for <paramref name="accountId"/> (whose current record is
    /// <paramref name="current"/>, null before creation) and returns the claims this call made, which the caller rolls
    /// back with <see cref="RollBackAsync"/> if its account write fails. Throws <see cref="ConflictException"/> (after
    /// rolling back) when another account holds one.</summary>
    public async Task<IReadOnlyList<(string Host, string Token)>> ClaimAsync(
        string accountId, Account? current, IEnumerable<string> hosts, CancellationToken cancellationToken)
    {
        var made = new List<(string Host, string Token)>();
        var baseVersion = current?.Version ?? 0;
        try
        {
            // Hosts the current record lists are held already (a listed host's claim is never stale): leave them.
            foreach (var host in hosts.Where(h => current is null || !current.CustomDomains.Contains(h, StringComparer.Ordinal)))
            {
                var outcome = await _claims.ClaimAsync(host, accountId, baseVersion, (claim, ct) => IsStaleAsync(host, claim, ct), cancellationToken)
                    .ConfigureAwait(false);
                made.Add((host, outcome.Status switch
                {
                    ClaimStatus.Claimed => outcome.Token!,
                    ClaimStatus.HeldByAnother => throw new ConflictException($"The custom domain {host} belongs to another account."),
                    _ => throw new ConflictException($"The custom domain {host} is being claimed concurrently; try again."),
                }));
            }

            return made;
        }
        catch (ConflictException)
        {
            await RollBackAsync(accountId, made, cancellationToken).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Undoes claims of a failed write, except hosts the account's record lists by now (a concurrent write of
    /// the same account that won may have listed them, and relies on the item).</summary>
    public async Task RollBackAsync(string accountId, IReadOnlyList<(string Host, string Token)> claims, CancellationToken cancellationToken)
    {
        if (claims.Count == 0)
        {
            return;
        }

        var account = await getAccount(accountId, cancellationToken).ConfigureAwait(false);
        foreach (var (host, token) in claims.Where(c => account is null || !account.CustomDomains.Contains(c.Host, StringComparer.Ordinal)))
        {
            await _claims.RollBackAsync(host, accountId, token, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Deletes the claims of hosts a successful write (which expected <paramref name="expectedVersion"/>) dropped.
    /// A claim made since by a later write of the same account has a higher Base and survives.</summary>
    public async Task ReleaseAsync(string accountId, long expectedVersion, IEnumerable<string> hosts, CancellationToken cancellationToken)
    {
        foreach (var host in hosts)
        {
            await _claims.ReleaseAsync(host, accountId, expectedVersion, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The account id a host's claim names, or null.</summary>
    public async Task<string?> HolderAsync(string host, CancellationToken cancellationToken) =>
        (await _claims.GetAsync(host, cancellationToken).ConfigureAwait(false))?.Holder;

    /// <summary>Another account's claim binds while that account lists the host or is still at the claim's base (its
    /// claiming write may yet succeed).</summary>
    private async Task<bool> IsStaleAsync(string host, StoredClaim claim, CancellationToken cancellationToken)
    {
        var holder = await getAccount(claim.Holder, cancellationToken).ConfigureAwait(false);
        var holds = holder is not null && holder.CustomDomains.Contains(host, StringComparer.Ordinal);
        return !holds && (holder?.Version ?? 0) != claim.Base;
    }
}
