using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using ImageService.Core.Accounts;
using ImageService.Core.Storage;
using static ImageService.Storage.Aws.Accounts.AccountItemMapper;

namespace ImageService.Storage.Aws.Accounts;

/// <summary>
/// <see cref="IAccountStore"/> on the accounts table (<see cref="AccountsTable"/>): conditional puts for
/// create-if-absent and keys, a version condition for updates, <c>if_not_exists</c> so a second revocation keeps
/// the first time. Reads are consistent.
/// </summary>
public sealed class DynamoDbAccountStore(IAmazonDynamoDB dynamoDb, DynamoDbAccountsOptions options) : IAccountStore
{
    private const string AbsentCondition = "attribute_not_exists(#pk)";
    private readonly string _table = options.TableName;
    private CustomDomainClaims? _claims;

    private CustomDomainClaims Claims => _claims ??= new CustomDomainClaims(dynamoDb, _table, GetAsync);

    public async Task<Account?> GetAsync(string accountId, CancellationToken cancellationToken = default)
    {
        var item = await GetItemAsync(AccountsTable.AccountPk(accountId), AccountsTable.AccountSk, cancellationToken);
        return item is null ? null : ToAccount(item);
    }

    public async Task<Account?> FindByPublicKeyAsync(string publicKey, CancellationToken cancellationToken = default)
    {
        var lookup = await GetItemAsync(AccountsTable.PublicKeyPk(publicKey), AccountsTable.PublicKeySk, cancellationToken);
        if (lookup is null)
        {
            return null;
        }

        var account = await GetAsync(Str(lookup, "AccountId"), cancellationToken);
        // A lookup left by a lost create race points at an account with another public key: not this one.
        return account?.PublicKey == publicKey ? account : null;
    }

    public async Task<Account?> FindByCustomDomainAsync(string host, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(host);
        var holder = await Claims.HolderAsync(host, cancellationToken);
        var account = holder is null ? null : await GetAsync(holder, cancellationToken);
        // A claim counts only while its account lists the host (see CustomDomainClaims).
        return account is not null && account.CustomDomains.Contains(host, StringComparer.Ordinal) ? account : null;
    }

    public async Task<Account> CreateIfAbsentAsync(Account account, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        var lookup = AccountsTable.Key(AccountsTable.PublicKeyPk(account.PublicKey), AccountsTable.PublicKeySk);
        lookup["AccountId"] = S(account.Id);
        if (!await PutIfAbsentAsync(lookup, cancellationToken))
        {
            throw new ConflictException($"The public key of account {account.Id} is already in use.");
        }

        // A new account normally has no domains; one that carries some claims them like an update would.
        IReadOnlyList<(string Host, string Token)> claims;
        try
        {
            claims = await Claims.ClaimAsync(account.Id, current: null, account.CustomDomains, cancellationToken);
        }
        catch (ConflictException)
        {
            await DeleteItemAsync(lookup, cancellationToken);
            throw;
        }

        if (await PutIfAbsentAsync(ToItem(account), cancellationToken))
        {
            return account;
        }

        // Another request created the account first: answer with its record and drop our unused lookup and claims.
        await DeleteItemAsync(lookup, cancellationToken);
        await Claims.RollBackAsync(account.Id, claims, cancellationToken);
        return await GetAsync(account.Id, cancellationToken)
            ?? throw new InvalidOperationException($"Account {account.Id} vanished after a conflicting create.");
    }

    public async Task UpdateAsync(Account updated, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(updated);
        // Checked up front so a stale update claims nothing; the write's condition below is what guarantees it.
        var current = await GetAsync(updated.Id, cancellationToken)
            ?? throw new NotFoundException(StoredItem.Account, $"Account {updated.Id} does not exist.");
        if (current.Version != expectedVersion)
        {
            throw new PreconditionFailedException($"Account {updated.Id} is at version {current.Version}, not {expectedVersion}.");
        }

        var claims = await Claims.ClaimAsync(updated.Id, current, updated.CustomDomains, cancellationToken);
        var request = new PutItemRequest
        {
            TableName = _table,
            Item = ToItem(updated),
            // The public key is fixed at creation; the condition keeps a caller from moving it without its lookup.
            ConditionExpression = "attribute_exists(#pk) AND #version = :expected AND #publicKey = :publicKey",
            ExpressionAttributeNames = new() { ["#pk"] = AccountsTable.Pk, ["#version"] = "Version", ["#publicKey"] = "PublicKey" },
            ExpressionAttributeValues = new() { [":expected"] = N(expectedVersion), [":publicKey"] = S(updated.PublicKey) },
        };
        try
        {
            await DynamoDbGuard.Run(() => dynamoDb.PutItemAsync(request, cancellationToken), cancellationToken);
        }
        catch (ConditionalCheckFailedException ex)
        {
            await Claims.RollBackAsync(updated.Id, claims, cancellationToken);
            var now = await GetAsync(updated.Id, cancellationToken);
            throw now is null
                ? new NotFoundException(StoredItem.Account, $"Account {updated.Id} does not exist.", ex)
                : new PreconditionFailedException($"Account {updated.Id} is at version {now.Version}, not {expectedVersion}.", ex);
        }

        var released = current.CustomDomains.Except(updated.CustomDomains, StringComparer.Ordinal);
        await Claims.ReleaseAsync(updated.Id, expectedVersion, released, cancellationToken);
        if (updated.Billing.CustomerId is not null && updated.Billing != current.Billing)
        {
            // The meter reporter lists these instead of scanning the table. Idempotent, and rewritten by every billing
            // change, so one lost write is repaired by the next (a subscription always follows the customer).
            var customer = AccountsTable.Key(AccountsTable.BillingCustomersPk, AccountsTable.AccountPk(updated.Id));
            await DynamoDbGuard.Run(() => dynamoDb.PutItemAsync(new PutItemRequest { TableName = _table, Item = customer }, cancellationToken), cancellationToken);
        }
    }

    public async Task AddKeyAsync(ApiKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        var lookup = AccountsTable.Key(AccountsTable.SecretPk(key.SecretHash), AccountsTable.SecretSk);
        lookup["AccountId"] = S(key.AccountId);
        lookup["KeyId"] = S(key.Id);
        if (!await PutIfAbsentAsync(lookup, cancellationToken))
        {
            throw new ConflictException($"The secret of key {key.Id} is already in use.");
        }

        if (!await PutIfAbsentAsync(ToItem(key), cancellationToken))
        {
            await DeleteItemAsync(lookup, cancellationToken);
            throw new ConflictException($"Key {key.Id} already exists.");
        }
    }

    public async Task<ApiKey?> RevokeKeyAsync(string accountId, string keyId, DateTimeOffset revokedAt, CancellationToken cancellationToken = default)
    {
        var request = new UpdateItemRequest
        {
            TableName = _table,
            Key = AccountsTable.Key(AccountsTable.AccountPk(accountId), AccountsTable.KeySkPrefix + keyId),
            UpdateExpression = "SET #revoked = if_not_exists(#revoked, :revoked)",
            ConditionExpression = "attribute_exists(#pk)",
            ExpressionAttributeNames = new() { ["#revoked"] = "RevokedAt", ["#pk"] = AccountsTable.Pk },
            ExpressionAttributeValues = new() { [":revoked"] = Time(revokedAt) },
            ReturnValues = ReturnValue.ALL_NEW,
        };
        try
        {
            var response = await DynamoDbGuard.Run(() => dynamoDb.UpdateItemAsync(request, cancellationToken), cancellationToken);
            return ToKey(response.Attributes);
        }
        catch (ConditionalCheckFailedException)
        {
            return null;
        }
    }

    public async Task<IReadOnlyList<ApiKey>> ListKeysAsync(string accountId, CancellationToken cancellationToken = default)
    {
        var keys = new List<ApiKey>();
        var request = new QueryRequest
        {
            TableName = _table,
            KeyConditionExpression = "#pk = :pk AND begins_with(#sk, :prefix)",
            ExpressionAttributeNames = new() { ["#pk"] = AccountsTable.Pk, ["#sk"] = AccountsTable.Sk },
            ExpressionAttributeValues = new() { [":pk"] = S(AccountsTable.AccountPk(accountId)), [":prefix"] = S(AccountsTable.KeySkPrefix) },
            ConsistentRead = true,
        };
        do
        {
            var response = await DynamoDbGuard.Run(() => dynamoDb.QueryAsync(request, cancellationToken), cancellationToken);
            keys.AddRange((response.Items ?? []).Select(ToKey));
            request.ExclusiveStartKey = response.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (request.ExclusiveStartKey is not null);

        // The sort key orders by key id; the port promises newest first.
        return keys.OrderByDescending(k => k.CreatedAt).ThenByDescending(k => k.Id, StringComparer.Ordinal).ToList();
    }

    public async Task<IReadOnlyList<ApiKey>> ListActiveKeysAsync(string accountId, CancellationToken cancellationToken = default) =>
        (await ListKeysAsync(accountId, cancellationToken)).Where(k => k.IsActive).ToList();

    public async Task<ApiKey?> FindKeyBySecretHashAsync(string secretHash, CancellationToken cancellationToken = default)
    {
        var lookup = await GetItemAsync(AccountsTable.SecretPk(secretHash), AccountsTable.SecretSk, cancellationToken);
        if (lookup is null)
        {
            return null;
        }

        var item = await GetItemAsync(AccountsTable.AccountPk(Str(lookup, "AccountId")), AccountsTable.KeySkPrefix + Str(lookup, "KeyId"), cancellationToken);
        var key = item is null ? null : ToKey(item);
        // A lookup left by a failed AddKey may name another key's id: believe it only if the hashes agree.
        return key?.SecretHash == secretHash ? key : null;
    }

    private async Task<Dictionary<string, AttributeValue>?> GetItemAsync(string pk, string sk, CancellationToken cancellationToken)
    {
        var request = new GetItemRequest { TableName = _table, Key = AccountsTable.Key(pk, sk), ConsistentRead = true };
        var response = await DynamoDbGuard.Run(() => dynamoDb.GetItemAsync(request, cancellationToken), cancellationToken);
        return response.Item is { Count: > 0 } item ? item : null;
    }

    private async Task<bool> PutIfAbsentAsync(Dictionary<string, AttributeValue> item, CancellationToken cancellationToken)
    {
        var request = new PutItemRequest
        {
            TableName = _table,
            Item = item,
            ConditionExpression = AbsentCondition,
            ExpressionAttributeNames = new() { ["#pk"] = AccountsTable.Pk },
        };
        try
        {
            await DynamoDbGuard.Run(() => dynamoDb.PutItemAsync(request, cancellationToken), cancellationToken);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    private async Task DeleteItemAsync(Dictionary<string, AttributeValue> item, CancellationToken cancellationToken)
    {
        var key = AccountsTable.Key(item[AccountsTable.Pk].S, item[AccountsTable.Sk].S);
        await DynamoDbGuard.Run(() => dynamoDb.DeleteItemAsync(new DeleteItemRequest { TableName = _table, Key = key }, cancellationToken), cancellationToken);
    }
}
