using ImageService.Core.CdnLogs;

namespace ImageService.Storage.Local.Accounts;

/// <summary>
/// The embedded backend's ledger of applied CDN log objects: recording the object (<c>cdn_log_objects</c>, keyed by its
/// id) and adding its edge counters (<c>edge_usage_months</c>) are one SQLite transaction, so a log object counts once
/// or not at all, whatever crashes.
/// </summary>
public sealed class SqliteCdnLogLedger : ICdnLogLedger
{
    private readonly AccountsDatabase _database;
    private readonly TimeProvider _time;

    public SqliteCdnLogLedger(LocalStorageOptions options, TimeProvider? time = null)
        : this(new AccountsDatabase(options), time)
    {
    }

    internal SqliteCdnLogLedger(AccountsDatabase database, TimeProvider? time)
    {
        _database = database;
        _time = time ?? TimeProvider.System;
    }

    public Task<CdnLogApplyOutcome> ApplyAsync(CdnLogObject logObject, IReadOnlyList<EdgeUsageDelta> deltas, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(logObject);
        ArgumentNullException.ThrowIfNull(deltas);
        if (deltas.Any(d => d.Requests < 0 || d.Bytes < 0))
        {
            throw new ArgumentOutOfRangeException(nameof(deltas), "Usage only grows.");
        }

        return _database.WriteAsync(async connection =>
        {
            using var transaction = connection.BeginTransaction();
            using (var claim = connection.CreateCommand())
            {
                claim.Transaction = transaction;
                claim.CommandText = """
                    INSERT INTO cdn_log_objects (id, source, etag, requests, bytes, applied_at)
                    VALUES ($id, $source, $etag, $requests, $bytes, $at)
                    ON CONFLICT (id) DO NOTHING
                    """;
                claim.Parameters.AddWithValue("$id", logObject.Id);
                claim.Parameters.AddWithValue("$source", logObject.Source);
                claim.Parameters.AddWithValue("$etag", (object?)logObject.ETag ?? DBNull.Value);
                claim.Parameters.AddWithValue("$requests", deltas.Sum(d => d.Requests));
                claim.Parameters.AddWithValue("$bytes", deltas.Sum(d => d.Bytes));
                claim.Parameters.AddWithValue("$at", _time.GetUtcNow().ToUnixTimeMilliseconds());
                if (await claim.ExecuteNonQueryAsync(cancellationToken) == 0)
                {
                    return CdnLogApplyOutcome.AlreadyApplied;
                }
            }

            using var add = connection.CreateCommand();
            add.Transaction = transaction;
            add.CommandText = """
                INSERT INTO edge_usage_months (account_id, month, requests, bytes) VALUES ($account, $month, $requests, $bytes)
                ON CONFLICT (account_id, month) DO UPDATE SET
                    requests = requests + excluded.requests,
                    bytes = bytes + excluded.bytes
                """;
            var account = add.Parameters.Add("$account", Microsoft.Data.Sqlite.SqliteType.Text);
            var month = add.Parameters.Add("$month", Microsoft.Data.Sqlite.SqliteType.Text);
            var requests = add.Parameters.Add("$requests", Microsoft.Data.Sqlite.SqliteType.Integer);
            var bytes = add.Parameters.Add("$bytes", Microsoft.Data.Sqlite.SqliteType.Integer);
            foreach (var delta in deltas)
            {
                account.Value = delta.AccountId;
                month.Value = delta.Month;
                requests.Value = delta.Requests;
                bytes.Value = delta.Bytes;
                await add.ExecuteNonQueryAsync(cancellationToken);
            }
            transaction.Commit();
            return CdnLogApplyOutcome.Applied;
        }, cancellationToken);
    }
}
