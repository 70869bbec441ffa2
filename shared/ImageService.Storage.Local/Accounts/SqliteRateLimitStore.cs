using ImageService.Core.Usage;

namespace ImageService.Storage.Local.Accounts;

/// <summary>
/// Rate windows in SQLite. The acquire is a single UPSERT whose update only happens while the permits fit under the
/// limit (<c>DO UPDATE … WHERE count + $permits &lt;= $limit RETURNING count</c>): no row back means refused. SQLite serialises writers,
/// so of any number of concurrent calls exactly the limit succeed. The first acquire of a window drops the account's
/// older windows, keeping about one row per account.
/// </summary>
public sealed class SqliteRateLimitStore : IRateLimitStore
{
    private readonly AccountsDatabase _database;

    public SqliteRateLimitStore(LocalStorageOptions options)
        : this(new AccountsDatabase(options))
    {
    }

    internal SqliteRateLimitStore(AccountsDatabase database) => _database = database;

    public Task<RateWindowResult> TryAcquireAsync(string accountId, long windowStart, int limit, int permits = 1, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(permits, 1);
        if (limit < 1 || permits > limit)
        {
            return Task.FromResult(new RateWindowResult(false, 0));
        }

        return _database.WriteAsync(async connection =>
        {
            using var acquire = connection.CreateCommand();
            acquire.CommandText = """
                INSERT INTO rate_windows (account_id, window_start, count) VALUES ($account, $window, $permits)
                ON CONFLICT (account_id, window_start) DO UPDATE SET count = count + $permits WHERE count + $permits <= $limit
                RETURNING count
                """;
            acquire.Parameters.AddWithValue("$account", accountId);
            acquire.Parameters.AddWithValue("$window", windowStart);
            acquire.Parameters.AddWithValue("$limit", limit);
            acquire.Parameters.AddWithValue("$permits", permits);
            if (await acquire.ExecuteScalarAsync(cancellationToken) is not long count)
            {
                return new RateWindowResult(false, limit);
            }

            if (count == permits)
            {
                // First request of a new window: the account's earlier windows are dead. Housekeeping only, so it
                // runs on its own, outside the one-statement acquire that every request pays for.
                using var prune = connection.CreateCommand();
                prune.CommandText = "DELETE FROM rate_windows WHERE account_id = $account AND window_start < $window";
                prune.Parameters.AddWithValue("$account", accountId);
                prune.Parameters.AddWithValue("$window", windowStart);
                await prune.ExecuteNonQueryAsync(cancellationToken);
            }

            return new RateWindowResult(true, count);
        }, cancellationToken);
    }
}
