using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using ImageService.Core.Accounts;
using ImageService.Core.Storage;
using static ImageService.Storage.Aws.Accounts.AccountItemMapper;

namespace ImageService.Storage.Aws.Accounts;

/// <summary>
/// Exclusive claims on custom domains: one item <c>DOMAIN#{host}</c> / <c>DOMAIN</c> per host naming the account
/// (<c>AccountId</c>), the account version the claiming write expected (<c>Base</c>) and a per-attempt <c>Token</c>.
/// dynalite has no TransactWriteItems, so an update claims first, writes the account with its version condition, then
/// releases; the account item stays the truth. A claim counts only while its account lists the host, and a claim its
/// account does not list is stale (reclaimable) once that account has moved past <c>Base</c>: the update that made it
/// can then no longer succeed. Takeovers and rollbacks are conditional on the token, so two writers never both win.
/// </summary>
internal sealed class CustomDomainClaims(IAmazonDynamoDB dynamoDb, string table, Func<string, CancellationToken, Task<Account?>> getAccount)
{
    private const int Attempts = 5;

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
                var token = Guid.NewGuid().ToString("N");
                await ClaimOneAsync(accountId, baseVersion, host, token, cancellationToken);
                made.Add((host, token));
            }

            return made;
        }
        catch (ConflictException)
        {
            await RollBackAsync(accountId, made, cancellationToken);
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

        var account = await getAccount(accountId, cancellationToken);
        foreach (var (host, token) in claims.Where(c => account is null || !account.CustomDomains.Contains(c.Host, StringComparer.Ordinal)))
        {
            await DeleteAsync(host, "AccountId = :me AND #token = :token",
                new() { [":me"] = S(accountId), [":token"] = S(token) }, cancellationToken);
        }
    }

    /// <summary>Deletes the claims of hosts a successful write (which expected <paramref name="expectedVersion"/>) dropped.
    /// A claim made since by a later write of the same account has a higher Base and survives.</summary>
    public async Task ReleaseAsync(string accountId, long expectedVersion, IEnumerable<string> hosts, CancellationToken cancellationToken)
    {
        foreach (var host in hosts)
        {
            await DeleteAsync(host, "AccountId = :me AND #base <= :expected",
                new() { [":me"] = S(accountId), [":expected"] = N(expectedVersion) }, cancellationToken);
        }
    }

    /// <summary>The account id a host's claim names, or null.</summary>
    public async Task<string?> HolderAsync(string host, CancellationToken cancellationToken)
    {
        var item = await GetAsync(host, cancellationToken);
        return item is null ? null : Str(item, "AccountId");
    }

    private async Task ClaimOneAsync(string accountId, long baseVersion, string host, string token, CancellationToken cancellationToken)
    {
        var claim = AccountsTable.Key(AccountsTable.DomainPk(host), AccountsTable.DomainSk);
        claim["AccountId"] = S(accountId);
        claim["Base"] = N(baseVersion);
        claim["Token"] = S(token);
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            if (await PutAsync(claim, "attribute_not_exists(#pk)", [], cancellationToken))
            {
                return;
            }

            var existing = await GetAsync(host, cancellationToken);
            if (existing is null)
            {
                continue; // released meanwhile: try the plain claim again
            }

            var holderId = Str(existing, "AccountId");
            if (holderId != accountId)
            {
                var holder = await getAccount(holderId, cancellationToken);
                var holds = holder is not null && holder.CustomDomains.Contains(host, StringComparer.Ordinal);
                // Holder still at the claim's base: its claiming write may yet succeed.
                if (holds || (holder?.Version ?? 0) == Long(existing, "Base"))
                {
                    throw new ConflictException($"The custom domain {host} belongs to another account.");
                }
            }

            // A stale claim (another account's, or our own left by a failed write): take it over if it is unchanged.
            if (await PutAsync(claim, "AccountId = :holder AND #token = :seen",
                    new() { [":holder"] = S(holderId), [":seen"] = S(Str(existing, "Token")) }, cancellationToken))
            {
                return;
            }
        }

        throw new ConflictException($"The custom domain {host} is being claimed concurrently; try again.");
    }

    private async Task<Dictionary<string, AttributeValue>?> GetAsync(string host, CancellationToken cancellationToken)
    {
        var request = new GetItemRequest { TableName = table, Key = AccountsTable.Key(AccountsTable.DomainPk(host), AccountsTable.DomainSk), ConsistentRead = true };
        var response = await DynamoDbGuard.Run(() => dynamoDb.GetItemAsync(request, cancellationToken), cancellationToken);
        return response.Item is { Count: > 0 } item ? item : null;
    }

    // Every #placeholder the conditions above use.
    private static readonly Dictionary<string, string> Placeholders = new(StringComparer.Ordinal)
    {
        ["#pk"] = AccountsTable.Pk, ["#token"] = "Token", ["#base"] = "Base",
    };

    private Task<bool> PutAsync(Dictionary<string, AttributeValue> item, string condition, Dictionary<string, AttributeValue> values, CancellationToken cancellationToken) =>
        ConditionalWrites.PutAsync(dynamoDb, table, item, condition, Placeholders, values, cancellationToken);

    // False means someone else's claim by now (or gone): not ours to delete.
    private Task<bool> DeleteAsync(string host, string condition, Dictionary<string, AttributeValue> values, CancellationToken cancellationToken) =>
        ConditionalWrites.DeleteAsync(dynamoDb, table, AccountsTable.Key(AccountsTable.DomainPk(host), AccountsTable.DomainSk), condition, Placeholders, values, cancellationToken);
}
