using ImageService.Core.Storage;

namespace ImageService.Storage.Local.Accounts;

/// <summary>Pending CDN purges as rows of <c>pending_purges</c> in <c>accounts.db</c> (paths as a JSON array).</summary>
public sealed class SqlitePendingPurgeStore : IPendingPurgeStore
{
    private readonly AccountsDatabase _database;

    public SqlitePendingPurgeStore(LocalStorageOptions options)
        : this(new AccountsDatabase(options))
    {
    }

    internal SqlitePendingPurgeStore(AccountsDatabase database) => _database = database;

    public Task AddAsync(PendingPurge purge, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(purge);
        return _database.WriteAsync(async connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO pending_purges (id, paths, created_at, attempts) VALUES ($id, $paths, $created, $attempts)";
            command.Parameters.AddWithValue("$id", purge.Id);
            command.Parameters.AddWithValue("$paths", StringListJson.Write(purge.Paths));
            command.Parameters.AddWithValue("$created", purge.CreatedAt.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$attempts", purge.Attempts);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }

    public Task<IReadOnlyList<PendingPurge>> ListAsync(CancellationToken cancellationToken = default) =>
        _database.RunAsync<IReadOnlyList<PendingPurge>>(async connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT id, paths, created_at, attempts FROM pending_purges ORDER BY created_at, id";
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var purges = new List<PendingPurge>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                purges.Add(new PendingPurge(reader.GetString(0), StringListJson.Read(reader.GetString(1)),
                    DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)), reader.GetInt32(3)));
            }
            return purges;
        });

    public Task SetAttemptsAsync(string id, int attempts, CancellationToken cancellationToken = default) =>
        _database.WriteAsync(async connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE pending_purges SET attempts = $attempts WHERE id = $id";
            command.Parameters.AddWithValue("$id", id);
            command.Parameters.AddWithValue("$attempts", attempts);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    public Task RemoveAsync(string id, CancellationToken cancellationToken = default) =>
        _database.WriteAsync(async connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM pending_purges WHERE id = $id";
            command.Parameters.AddWithValue("$id", id);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
}
