using ImageService.Core.Variants;
using Microsoft.Data.Sqlite;

namespace ImageService.Storage.Local.Accounts;

/// <summary>Named variants as rows of <c>variants</c> in <c>accounts.db</c> (primary key owner + name). A put counts
/// and writes in one transaction under the database's write gate, so the per-account limit holds exactly. Timestamps
/// are UTC ticks.</summary>
public sealed class SqliteVariantStore : IVariantStore
{
    private const string Columns = "account_id, name, transform, eager, created_at, updated_at";

    private readonly AccountsDatabase _database;

    public SqliteVariantStore(LocalStorageOptions options)
        : this(new AccountsDatabase(options))
    {
    }

    internal SqliteVariantStore(AccountsDatabase database) => _database = database;

    public Task<IReadOnlyList<Variant>> ListAsync(string ownerId, CancellationToken cancellationToken = default) =>
        _database.RunAsync<IReadOnlyList<Variant>>(async connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {Columns} FROM variants WHERE account_id = $account ORDER BY name";
            command.Parameters.AddWithValue("$account", ownerId);
            return await ReadAllAsync(command, cancellationToken).ConfigureAwait(false);
        });

    public Task<Variant?> GetAsync(string ownerId, string name, CancellationToken cancellationToken = default) =>
        _database.RunAsync(connection => ReadOneAsync(connection, null, ownerId, name, cancellationToken));

    public Task<VariantPutResult> PutAsync(Variant variant, int maxVariants, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(variant);
        return _database.WriteAsync(async connection =>
        {
            using var transaction = connection.BeginTransaction();
            var previous = await ReadOneAsync(connection, transaction, variant.OwnerId, variant.Name, cancellationToken).ConfigureAwait(false);
            if (previous is null)
            {
                using var count = connection.CreateCommand();
                count.Transaction = transaction;
                count.CommandText = "SELECT COUNT(*) FROM variants WHERE account_id = $account";
                count.Parameters.AddWithValue("$account", variant.OwnerId);
                if ((long)(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))! >= maxVariants)
                {
                    return new VariantPutResult(VariantPutStatus.LimitReached, null, null);
                }
            }
            var stored = previous is null ? variant : variant with { CreatedAt = previous.CreatedAt };
            using (var upsert = connection.CreateCommand())
            {
                upsert.Transaction = transaction;
                upsert.CommandText = $"""
                    INSERT INTO variants ({Columns}) VALUES ($account, $name, $transform, $eager, $created, $updated)
                    ON CONFLICT (account_id, name) DO UPDATE SET transform = excluded.transform, eager = excluded.eager,
                        updated_at = excluded.updated_at
                    """;
                upsert.Parameters.AddWithValue("$account", stored.OwnerId);
                upsert.Parameters.AddWithValue("$name", stored.Name);
                upsert.Parameters.AddWithValue("$transform", stored.Transform);
                upsert.Parameters.AddWithValue("$eager", stored.Eager ? 1 : 0);
                upsert.Parameters.AddWithValue("$created", stored.CreatedAt.UtcTicks);
                upsert.Parameters.AddWithValue("$updated", stored.UpdatedAt.UtcTicks);
                await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return new VariantPutResult(previous is null ? VariantPutStatus.Created : VariantPutStatus.Replaced, stored, previous);
        }, cancellationToken);
    }

    public Task<Variant?> DeleteAsync(string ownerId, string name, CancellationToken cancellationToken = default) =>
        _database.WriteAsync(async connection =>
        {
            using var delete = connection.CreateCommand();
            delete.CommandText = $"DELETE FROM variants WHERE account_id = $account AND name = $name RETURNING {Columns}";
            delete.Parameters.AddWithValue("$account", ownerId);
            delete.Parameters.AddWithValue("$name", name);
            var deleted = await ReadAllAsync(delete, cancellationToken).ConfigureAwait(false);
            return deleted.Count == 0 ? null : deleted[0];
        }, cancellationToken);

    private static async Task<Variant?> ReadOneAsync(
        SqliteConnection connection, SqliteTransaction? transaction, string ownerId, string name, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT {Columns} FROM variants WHERE account_id = $account AND name = $name";
        command.Parameters.AddWithValue("$account", ownerId);
        command.Parameters.AddWithValue("$name", name);
        var found = await ReadAllAsync(command, cancellationToken).ConfigureAwait(false);
        return found.Count == 0 ? null : found[0];
    }

    private static async Task<List<Variant>> ReadAllAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var variants = new List<Variant>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            variants.Add(new Variant
            {
                OwnerId = reader.GetString(0),
                Name = reader.GetString(1),
                Transform = reader.GetString(2),
                Eager = reader.GetInt64(3) != 0,
                CreatedAt = new DateTimeOffset(reader.GetInt64(4), TimeSpan.Zero),
                UpdatedAt = new DateTimeOffset(reader.GetInt64(5), TimeSpan.Zero),
            });
        }
        return variants;
    }
}
