using ImageService.Core.Usage;

namespace ImageService.Storage.Local.Accounts;

/// <summary>Usage counters in SQLite: one UPSERT adds a delta atomically, so concurrent requests never lose counts.</summary>
public sealed class SqliteUsageStore : IUsageStore
{
    private readonly AccountsDatabase _database;

    public SqliteUsageStore(LocalStorageOptions options)
        : this(new AccountsDatabase(options))
    {
    }

    internal SqliteUsageStore(AccountsDatabase database) => _database = database;

    public async Task AddAsync(string accountId, string month, UsageDelta delta, CancellationToken cancellationToken = default)
    {
        if (delta.Requests < 0 || delta.Transformations < 0 || delta.BytesServed < 0 || delta.CacheHits < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(delta), delta, "Usage only grows.");
        }

        await _database.WriteAsync(async connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = """
                INSERT INTO usage_months (account_id, month, requests, transformations, bytes_served, cache_hits)
                VALUES ($account, $month, $requests, $transformations, $bytes, $hits)
                ON CONFLICT (account_id, month) DO UPDATE SET
                    requests = requests + excluded.requests,
                    transformations = transformations + excluded.transformations,
                    bytes_served = bytes_served + excluded.bytes_served,
                    cache_hits = cache_hits + excluded.cache_hits
                """;
            command.Parameters.AddWithValue("$account", accountId);
            command.Parameters.AddWithValue("$month", month);
            command.Parameters.AddWithValue("$requests", delta.Requests);
            command.Parameters.AddWithValue("$transformations", delta.Transformations);
            command.Parameters.AddWithValue("$bytes", delta.BytesServed);
            command.Parameters.AddWithValue("$hits", delta.CacheHits);
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);
    }

    public Task<UsageCounters> GetAsync(string accountId, string month, CancellationToken cancellationToken = default) =>
        _database.RunAsync(async connection =>
        {
            using var command = connection.CreateCommand();
            // Edge counters (from CDN logs, SqliteCdnLogLedger) live in their own table; a month has them only when a
            // log named the account.
            command.CommandText = """
                SELECT u.requests, u.transformations, u.bytes_served, u.cache_hits, e.requests, e.bytes
                FROM (SELECT $account AS account_id, $month AS month) AS k
                LEFT JOIN usage_months AS u ON u.account_id = k.account_id AND u.month = k.month
                LEFT JOIN edge_usage_months AS e ON e.account_id = k.account_id AND e.month = k.month
                """;
            command.Parameters.AddWithValue("$account", accountId);
            command.Parameters.AddWithValue("$month", month);
            using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            var counters = reader.IsDBNull(0)
                ? UsageCounters.Empty(accountId, month)
                : new UsageCounters(accountId, month, reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
            return reader.IsDBNull(4) ? counters : counters with { Edge = new EdgeUsage(reader.GetInt64(4), reader.GetInt64(5)) };
        });
}
