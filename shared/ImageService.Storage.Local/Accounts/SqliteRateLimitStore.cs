using ImageService.Core.Usage;

namespace ImageService.Storage.Local.Accounts;

/// <summary>
/// Rate windows in SQLite. The acquire is a single UPSERT whose update only happens below the limit
/// (<c>DO UPDATE … WHERE count &lt; $limit RETURNING count</c>): no row back means refused. SQLite serialises writers,
/// so of any number of concurrent calls exactly the limit succeed. The same transaction drops the account's older
/// windows, keeping one row per account.
/// </summary>
public sealed class SqliteRateLimitStore : IRateLimitStore
{
    private readonly AccountsDatabase _database;

    public SqliteRateLimitStore(LocalStorageOptions options) => _database = new AccountsDatabase(options);

    public Task<RateWindowResult> TryAcquireAsync(string accountId, long windowStart, int limit, CancellationToken cancellationToken = default)
    {
        if (limit < 1)
        {
            return Task.FromResult(new RateWindowResult(false, 0));
        }

        return _database.RunAsync(async connection =>
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                DELETE FROM rate_windows WHERE account_id = $account AND window_start < $window;
                INSERT INTO rate_windows (account_id, window_start, count) VALUES ($account, $window, 1)
                ON CONFLICT (account_id, window_start) DO UPDATE SET count = count + 1 WHERE count < $limit
                RETURNING count;
                """;
            command.Parameters.AddWithValue("$account", accountId);
            command.Parameters.AddWithValue("$window", windowStart);
            command.Parameters.AddWithValue("$limit", limit);
            var returned = await command.ExecuteScalarAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return returned is long count ? new RateWindowResult(true, count) : new RateWindowResult(false, limit);
        });
    }
}
