using ImageService.Core.Billing;
using Microsoft.Data.Sqlite;

namespace ImageService.Storage.Local.Accounts;

/// <summary>Webhook events (<c>billing_events</c>, primary key = the event id) and the meter-report ledger
/// (<c>meter_reports</c>, primary key = account, meter, hour) in <c>accounts.db</c>; inserts are
/// <c>ON CONFLICT DO NOTHING</c>, so repeats change nothing. Timestamps are UTC ticks.</summary>
public sealed class SqliteBillingStore : IBillingStore
{
    private const string EventColumns = "id, type, created, subscription_id, account_id, customer_id, payload, received_at, applied_at, attempts";
    private const string ReportColumns = "account_id, meter, hour, month, customer_id, quantity, created_at, reported_at, attempts";

    private readonly AccountsDatabase _database;

    public SqliteBillingStore(LocalStorageOptions options)
        : this(new AccountsDatabase(options))
    {
    }

    internal SqliteBillingStore(AccountsDatabase database) => _database = database;

    public Task<bool> RecordEventAsync(BillingEvent billingEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(billingEvent);
        return _database.WriteAsync(async connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"""
                INSERT INTO billing_events ({EventColumns})
                VALUES ($id, $type, $created, $subscription, $account, $customer, $payload, $received, NULL, 0)
                ON CONFLICT (id) DO NOTHING
                """;
            command.Parameters.AddWithValue("$id", billingEvent.Id);
            command.Parameters.AddWithValue("$type", billingEvent.Type);
            command.Parameters.AddWithValue("$created", billingEvent.Created.UtcTicks);
            command.Parameters.AddWithValue("$subscription", (object?)billingEvent.SubscriptionId ?? DBNull.Value);
            command.Parameters.AddWithValue("$account", (object?)billingEvent.AccountId ?? DBNull.Value);
            command.Parameters.AddWithValue("$customer", (object?)billingEvent.CustomerId ?? DBNull.Value);
            command.Parameters.AddWithValue("$payload", billingEvent.Payload);
            command.Parameters.AddWithValue("$received", billingEvent.ReceivedAt.UtcTicks);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        }, cancellationToken);
    }

    public Task<BillingEvent?> GetEventAsync(string eventId, CancellationToken cancellationToken = default) =>
        _database.RunAsync(async connection =>
            await ReadEventsAsync(connection, "id = $value", eventId, 1, cancellationToken) is [var found] ? found : null);

    public Task<IReadOnlyList<BillingEvent>> ListUnappliedEventsAsync(int limit, CancellationToken cancellationToken = default) =>
        _database.RunAsync(connection => ReadEventsAsync(connection, "applied_at IS NULL", null, limit, cancellationToken));

    public Task MarkEventAsync(string eventId, DateTimeOffset? appliedAt, CancellationToken cancellationToken = default) =>
        _database.WriteAsync(async connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = appliedAt is null
                ? "UPDATE billing_events SET attempts = attempts + 1 WHERE id = $id"
                : "UPDATE billing_events SET applied_at = COALESCE(applied_at, $applied), attempts = attempts + 1 WHERE id = $id";
            command.Parameters.AddWithValue("$id", eventId);
            command.Parameters.AddWithValue("$applied", (object?)appliedAt?.UtcTicks ?? DBNull.Value);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    public Task<MeterReport> AddReportAsync(MeterReport report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        return _database.WriteAsync(async connection =>
        {
            using (var insert = connection.CreateCommand())
            {
                insert.CommandText = $"""
                    INSERT INTO meter_reports ({ReportColumns})
                    VALUES ($account, $meter, $hour, $month, $customer, $quantity, $created, NULL, 0)
                    ON CONFLICT (account_id, meter, hour) DO NOTHING
                    """;
                insert.Parameters.AddWithValue("$account", report.AccountId);
                insert.Parameters.AddWithValue("$meter", report.Meter.ToString());
                insert.Parameters.AddWithValue("$hour", report.Hour);
                insert.Parameters.AddWithValue("$month", report.Month);
                insert.Parameters.AddWithValue("$customer", report.CustomerId);
                insert.Parameters.AddWithValue("$quantity", report.Quantity);
                insert.Parameters.AddWithValue("$created", report.CreatedAt.UtcTicks);
                await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            // The stored row wins: a report made earlier for this hour keeps its quantity.
            return (await ReadReportsAsync(connection, "account_id = $account AND meter = $meter AND hour = $hour", command =>
            {
                command.Parameters.AddWithValue("$account", report.AccountId);
                command.Parameters.AddWithValue("$meter", report.Meter.ToString());
                command.Parameters.AddWithValue("$hour", report.Hour);
            }, 1, cancellationToken)).Single();
        }, cancellationToken);
    }

    public Task MarkReportAsync(MeterReport report, DateTimeOffset? reportedAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        return _database.WriteAsync(async connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = """
                UPDATE meter_reports SET reported_at = COALESCE(reported_at, $reported), attempts = attempts + 1
                WHERE account_id = $account AND meter = $meter AND hour = $hour
                """;
            command.Parameters.AddWithValue("$reported", (object?)reportedAt?.UtcTicks ?? DBNull.Value);
            command.Parameters.AddWithValue("$account", report.AccountId);
            command.Parameters.AddWithValue("$meter", report.Meter.ToString());
            command.Parameters.AddWithValue("$hour", report.Hour);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }

    public Task<IReadOnlyList<MeterReport>> ListReportsAsync(string accountId, string month, CancellationToken cancellationToken = default) =>
        _database.RunAsync(connection => ReadReportsAsync(connection, "account_id = $account AND month = $month", command =>
        {
            command.Parameters.AddWithValue("$account", accountId);
            command.Parameters.AddWithValue("$month", month);
        }, int.MaxValue, cancellationToken));

    public Task<IReadOnlyList<MeterReport>> ListUnsentReportsAsync(int limit, CancellationToken cancellationToken = default) =>
        _database.RunAsync(connection => ReadReportsAsync(connection, "reported_at IS NULL", _ => { }, limit, cancellationToken));

    public Task<IReadOnlyList<string>> ListCustomerAccountIdsAsync(CancellationToken cancellationToken = default) =>
        _database.RunAsync<IReadOnlyList<string>>(async connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT id FROM accounts WHERE stripe_customer_id IS NOT NULL ORDER BY id";
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var ids = new List<string>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                ids.Add(reader.GetString(0));
            }
            return ids;
        });

    private static async Task<IReadOnlyList<BillingEvent>> ReadEventsAsync(SqliteConnection connection, string where, string? value, int limit, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {EventColumns} FROM billing_events WHERE {where} ORDER BY received_at, id LIMIT $limit";
        command.Parameters.AddWithValue("$value", (object?)value ?? DBNull.Value);
        command.Parameters.AddWithValue("$limit", limit);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var events = new List<BillingEvent>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            events.Add(new BillingEvent
            {
                Id = reader.GetString(0),
                Type = reader.GetString(1),
                Created = new DateTimeOffset(reader.GetInt64(2), TimeSpan.Zero),
                SubscriptionId = reader.IsDBNull(3) ? null : reader.GetString(3),
                AccountId = reader.IsDBNull(4) ? null : reader.GetString(4),
                CustomerId = reader.IsDBNull(5) ? null : reader.GetString(5),
                Payload = reader.GetString(6),
                ReceivedAt = new DateTimeOffset(reader.GetInt64(7), TimeSpan.Zero),
                AppliedAt = reader.IsDBNull(8) ? null : new DateTimeOffset(reader.GetInt64(8), TimeSpan.Zero),
                Attempts = reader.GetInt32(9),
            });
        }
        return events;
    }

    private static async Task<IReadOnlyList<MeterReport>> ReadReportsAsync(
        SqliteConnection connection, string where, Action<SqliteCommand> bind, int limit, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {ReportColumns} FROM meter_reports WHERE {where} ORDER BY created_at, hour LIMIT $limit";
        bind(command);
        command.Parameters.AddWithValue("$limit", limit);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var reports = new List<MeterReport>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            reports.Add(new MeterReport
            {
                AccountId = reader.GetString(0),
                Meter = Enum.Parse<BillingMeter>(reader.GetString(1)),
                Hour = reader.GetString(2),
                Month = reader.GetString(3),
                CustomerId = reader.GetString(4),
                Quantity = reader.GetInt64(5),
                CreatedAt = new DateTimeOffset(reader.GetInt64(6), TimeSpan.Zero),
                ReportedAt = reader.IsDBNull(7) ? null : new DateTimeOffset(reader.GetInt64(7), TimeSpan.Zero),
                Attempts = reader.GetInt32(8),
            });
        }
        return reports;
    }
}
