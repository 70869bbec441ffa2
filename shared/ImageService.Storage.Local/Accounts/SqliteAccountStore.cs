using ImageService.Core.Accounts;
using ImageService.Core.Storage;
using Microsoft.Data.Sqlite;

namespace ImageService.Storage.Local.Accounts;

/// <summary>
/// Accounts and secret keys in SQLite (<see cref="AccountsDatabase"/>). Every racing write is one conditional
/// statement: insert-or-ignore for create-if-absent, <c>WHERE version = …</c> for updates, <c>COALESCE</c> so a second
/// revocation keeps the first time. Custom domains are rows of <c>account_domains</c> (the domain is the primary key, so
/// two accounts can never hold one), replaced in the same transaction as the account's versioned update. Timestamps are
/// UTC ticks.
/// </summary>
public sealed class SqliteAccountStore : IAccountStore
{
    private const string AccountColumns =
        "id, plan_id, public_key, allowed_origins, strict_origins, require_signed_urls, default_transform, status, created_at, updated_at, version, allow_arbitrary_transforms";
    private const string KeyColumns = "id, account_id, prefix, secret_hash, name, created_at, revoked_at";

    private readonly AccountsDatabase _database;

    public SqliteAccountStore(LocalStorageOptions options)
        : this(new AccountsDatabase(options))
    {
    }

    internal SqliteAccountStore(AccountsDatabase database) => _database = database;

    public Task<Account?> GetAsync(string accountId, CancellationToken cancellationToken = default) =>
        QueryAccountAsync("id = $value", accountId, cancellationToken);

    public Task<Account?> FindByPublicKeyAsync(string publicKey, CancellationToken cancellationToken = default) =>
        QueryAccountAsync("public_key = $value", publicKey, cancellationToken);

    public Task<Account?> FindByCustomDomainAsync(string host, CancellationToken cancellationToken = default) =>
        QueryAccountAsync("id = (SELECT account_id FROM account_domains WHERE domain = $value)", host, cancellationToken);

    public async Task<Account> CreateIfAbsentAsync(Account account, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        return await _database.WriteAsync(async connection =>
        {
            using (var insert = connection.CreateCommand())
            {
                insert.CommandText = $"""
                    INSERT INTO accounts ({AccountColumns})
                    VALUES ($id, $plan, $publicKey, $origins, $strict, $signed, $transform, $status, $created, $updated, $version, $arbitrary)
                    ON CONFLICT (id) DO NOTHING
                    """;
                BindAccount(insert, account);
                try
                {
                    await insert.ExecuteNonQueryAsync(cancellationToken);
                }
                catch (SqliteException ex) when (ex.SqliteErrorCode == SQLitePCL.raw.SQLITE_CONSTRAINT)
                {
                    throw new ConflictException($"The public key of account {account.Id} is already in use.", ex);
                }
            }

            // Whoever won the insert, the stored row is the answer; rows are never deleted, so it is there.
            return await ReadAccountAsync(connection, "id = $value", account.Id, cancellationToken)
                ?? throw new InvalidOperationException($"Account {account.Id} vanished after its insert.");
        }, cancellationToken);
    }

    public async Task UpdateAsync(Account updated, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(updated);
        await _database.WriteAsync(async connection =>
        {
            using var transaction = connection.BeginTransaction();
            using var update = connection.CreateCommand();
            update.Transaction = transaction;
            update.CommandText = """
                UPDATE accounts SET plan_id = $plan, allowed_origins = $origins, strict_origins = $strict,
                    require_signed_urls = $signed, default_transform = $transform, status = $status,
                    updated_at = $updated, version = $version, allow_arbitrary_transforms = $arbitrary
                WHERE id = $id AND version = $expected
                """;
            BindAccount(update, updated);
            update.Parameters.AddWithValue("$expected", expectedVersion);
            if (await update.ExecuteNonQueryAsync(cancellationToken) == 1)
            {
                await ReplaceDomainsAsync(connection, transaction, updated, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return 0;
            }

            await transaction.RollbackAsync(cancellationToken);
            var current = await ReadAccountAsync(connection, "id = $value", updated.Id, cancellationToken);
            throw current is null
                ? new NotFoundException(StoredItem.Account, $"Account {updated.Id} does not exist.")
                : new PreconditionFailedException($"Account {updated.Id} is at version {current.Version}, not {expectedVersion}.");
        }, cancellationToken);
    }

    /// <summary>Releases the domains the account no longer lists and claims the new ones; a domain held by another
    /// account violates the primary key, which rolls the whole update back (the transaction is disposed uncommitted).</summary>
    private static async Task ReplaceDomainsAsync(SqliteConnection connection, SqliteTransaction transaction, Account account, CancellationToken cancellationToken)
    {
        using (var release = connection.CreateCommand())
        {
            release.Transaction = transaction;
            release.CommandText = "DELETE FROM account_domains WHERE account_id = $account";
            release.Parameters.AddWithValue("$account", account.Id);
            await release.ExecuteNonQueryAsync(cancellationToken);
        }
        for (var position = 0; position < account.CustomDomains.Count; position++)
        {
            using var claim = connection.CreateCommand();
            claim.Transaction = transaction;
            claim.CommandText = "INSERT INTO account_domains (domain, account_id, position) VALUES ($domain, $account, $position)";
            claim.Parameters.AddWithValue("$domain", account.CustomDomains[position]);
            claim.Parameters.AddWithValue("$account", account.Id);
            claim.Parameters.AddWithValue("$position", position);
            try
            {
                await claim.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (SqliteException ex) when (ex.SqliteErrorCode == SQLitePCL.raw.SQLITE_CONSTRAINT)
            {
                throw new ConflictException($"The domain {account.CustomDomains[position]} belongs to another account.", ex);
            }
        }
    }

    public async Task AddKeyAsync(ApiKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        await _database.WriteAsync(async connection =>
        {
            using var insert = connection.CreateCommand();
            insert.CommandText = $"INSERT INTO api_keys ({KeyColumns}) VALUES ($id, $account, $prefix, $hash, $name, $created, $revoked)";
            insert.Parameters.AddWithValue("$id", key.Id);
            insert.Parameters.AddWithValue("$account", key.AccountId);
            insert.Parameters.AddWithValue("$prefix", key.Prefix);
            insert.Parameters.AddWithValue("$hash", key.SecretHash);
            insert.Parameters.AddWithValue("$name", (object?)key.Name ?? DBNull.Value);
            insert.Parameters.AddWithValue("$created", key.CreatedAt.UtcTicks);
            insert.Parameters.AddWithValue("$revoked", key.RevokedAt is { } revoked ? revoked.UtcTicks : DBNull.Value);
            try
            {
                return await insert.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (SqliteException ex) when (ex.SqliteErrorCode == SQLitePCL.raw.SQLITE_CONSTRAINT)
            {
                throw new ConflictException($"Key {key.Id} (or its secret) already exists.", ex);
            }
        }, cancellationToken);
    }

    public Task<ApiKey?> RevokeKeyAsync(string accountId, string keyId, DateTimeOffset revokedAt, CancellationToken cancellationToken = default) =>
        _database.WriteAsync(async connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"""
                UPDATE api_keys SET revoked_at = COALESCE(revoked_at, $revoked)
                WHERE id = $id AND account_id = $account
                RETURNING {KeyColumns}
                """;
            command.Parameters.AddWithValue("$revoked", revokedAt.UtcTicks);
            command.Parameters.AddWithValue("$id", keyId);
            command.Parameters.AddWithValue("$account", accountId);
            var keys = await ReadKeysAsync(command, cancellationToken);
            return keys.Count == 0 ? null : keys[0];
        }, cancellationToken);

    public Task<IReadOnlyList<ApiKey>> ListKeysAsync(string accountId, CancellationToken cancellationToken = default) =>
        ListKeysAsync(accountId, activeOnly: false, cancellationToken);

    public Task<IReadOnlyList<ApiKey>> ListActiveKeysAsync(string accountId, CancellationToken cancellationToken = default) =>
        ListKeysAsync(accountId, activeOnly: true, cancellationToken);

    public Task<ApiKey?> FindKeyBySecretHashAsync(string secretHash, CancellationToken cancellationToken = default) =>
        _database.RunAsync(async connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {KeyColumns} FROM api_keys WHERE secret_hash = $hash";
            command.Parameters.AddWithValue("$hash", secretHash);
            var keys = await ReadKeysAsync(command, cancellationToken);
            return keys.Count == 0 ? null : keys[0];
        });

    private Task<IReadOnlyList<ApiKey>> ListKeysAsync(string accountId, bool activeOnly, CancellationToken cancellationToken) =>
        _database.RunAsync(async connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"""
                SELECT {KeyColumns} FROM api_keys
                WHERE account_id = $account {(activeOnly ? "AND revoked_at IS NULL" : "")}
                ORDER BY created_at DESC, id DESC
                """;
            command.Parameters.AddWithValue("$account", accountId);
            return await ReadKeysAsync(command, cancellationToken);
        });

    private Task<Account?> QueryAccountAsync(string where, string value, CancellationToken cancellationToken) =>
        _database.RunAsync(connection => ReadAccountAsync(connection, where, value, cancellationToken));

    private static async Task<Account?> ReadAccountAsync(SqliteConnection connection, string where, string value, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {AccountColumns} FROM accounts WHERE {where}";
        command.Parameters.AddWithValue("$value", value);
        using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var id = reader.GetString(0);
        return new Account
        {
            CustomDomains = await ReadDomainsAsync(connection, id, cancellationToken),
            Id = id,
            PlanId = reader.GetString(1),
            PublicKey = reader.GetString(2),
            AllowedOrigins = StringListJson.Read(reader.GetString(3)),
            StrictOrigins = reader.GetInt64(4) != 0,
            RequireSignedUrls = reader.GetInt64(5) != 0,
            DefaultTransform = reader.IsDBNull(6) ? null : reader.GetString(6),
            Status = Enum.Parse<AccountStatus>(reader.GetString(7)),
            CreatedAt = new DateTimeOffset(reader.GetInt64(8), TimeSpan.Zero),
            UpdatedAt = new DateTimeOffset(reader.GetInt64(9), TimeSpan.Zero),
            Version = reader.GetInt64(10),
            AllowArbitraryTransforms = reader.GetInt64(11) != 0,
        };
    }

    private static async Task<IReadOnlyList<string>> ReadDomainsAsync(SqliteConnection connection, string accountId, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT domain FROM account_domains WHERE account_id = $account ORDER BY position";
        command.Parameters.AddWithValue("$account", accountId);
        var domains = new List<string>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            domains.Add(reader.GetString(0));
        }
        return domains;
    }

    private static async Task<IReadOnlyList<ApiKey>> ReadKeysAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var keys = new List<ApiKey>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add(new ApiKey
            {
                Id = reader.GetString(0),
                AccountId = reader.GetString(1),
                Prefix = reader.GetString(2),
                SecretHash = reader.GetString(3),
                Name = reader.IsDBNull(4) ? null : reader.GetString(4),
                CreatedAt = new DateTimeOffset(reader.GetInt64(5), TimeSpan.Zero),
                RevokedAt = reader.IsDBNull(6) ? null : new DateTimeOffset(reader.GetInt64(6), TimeSpan.Zero),
            });
        }

        return keys;
    }

    private static void BindAccount(SqliteCommand command, Account account)
    {
        command.Parameters.AddWithValue("$id", account.Id);
        command.Parameters.AddWithValue("$plan", account.PlanId);
        command.Parameters.AddWithValue("$publicKey", account.PublicKey);
        command.Parameters.AddWithValue("$origins", StringListJson.Write(account.AllowedOrigins));
        command.Parameters.AddWithValue("$strict", account.StrictOrigins ? 1 : 0);
        command.Parameters.AddWithValue("$signed", account.RequireSignedUrls ? 1 : 0);
        command.Parameters.AddWithValue("$transform", (object?)account.DefaultTransform ?? DBNull.Value);
        command.Parameters.AddWithValue("$status", account.Status.ToString());
        command.Parameters.AddWithValue("$created", account.CreatedAt.UtcTicks);
        command.Parameters.AddWithValue("$updated", account.UpdatedAt.UtcTicks);
        command.Parameters.AddWithValue("$version", account.Version);
        command.Parameters.AddWithValue("$arbitrary", account.AllowArbitraryTransforms ? 1 : 0);
    }
}
