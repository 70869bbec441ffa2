using Microsoft.Data.Sqlite;

namespace ImageService.Storage.Local.Accounts;

/// <summary>
/// The SQLite file of accounts (with their billing state), keys, usage counters (origin and edge), the ledger of applied CDN log objects, rate windows, named variants, pending CDN purges, billing events and meter reports: <c>&lt;DataDirectory&gt;/accounts.db</c>, apart
/// from the image metadata so the per-request counter writes do not queue behind catalogue writes for the one
/// SQLite write lock. WAL journal (readers never block the writer); writers of this process take turns on one gate
/// before SQLite's write lock (<see cref="SqliteFile"/>), which matters with a rate-window and a usage write per
/// delivery request. One instance per file is shared by the stores (see
/// <see cref="LocalAccountsServiceCollectionExtensions"/>) so their writes share the gate.
/// </summary>
internal sealed class AccountsDatabase
{
    public const string FileName = "accounts.db";

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS accounts (
            id                  TEXT    NOT NULL PRIMARY KEY,
            plan_id             TEXT    NOT NULL,
            public_key          TEXT    NOT NULL UNIQUE,
            allowed_origins     TEXT    NOT NULL,
            strict_origins      INTEGER NOT NULL,
            require_signed_urls INTEGER NOT NULL,
            default_transform   TEXT,
            status              TEXT    NOT NULL,
            created_at          INTEGER NOT NULL,
            updated_at          INTEGER NOT NULL,
            version             INTEGER NOT NULL,
            stripe_customer_id           TEXT,
            stripe_subscription_id       TEXT,
            billing_status               TEXT    NOT NULL DEFAULT 'None',
            billing_plan_id              TEXT,
            billing_period_end           INTEGER,
            billing_cancel_at_period_end INTEGER NOT NULL DEFAULT 0,
            billing_grace_until          INTEGER
        );
        CREATE TABLE IF NOT EXISTS api_keys (
            id          TEXT    NOT NULL PRIMARY KEY,
            account_id  TEXT    NOT NULL,
            prefix      TEXT    NOT NULL,
            secret_hash TEXT    NOT NULL UNIQUE,
            name        TEXT,
            created_at  INTEGER NOT NULL,
            revoked_at  INTEGER
        );
        CREATE INDEX IF NOT EXISTS ix_api_keys_account ON api_keys (account_id, created_at DESC, id DESC);
        CREATE TABLE IF NOT EXISTS account_domains (
            domain     TEXT    NOT NULL PRIMARY KEY,
            account_id TEXT    NOT NULL,
            position   INTEGER NOT NULL
        );
        CREATE INDEX IF NOT EXISTS ix_account_domains_account ON account_domains (account_id, position);
        CREATE TABLE IF NOT EXISTS usage_months (
            account_id      TEXT    NOT NULL,
            month           TEXT    NOT NULL,
            requests        INTEGER NOT NULL,
            transformations INTEGER NOT NULL,
            bytes_served    INTEGER NOT NULL,
            cache_hits      INTEGER NOT NULL,
            PRIMARY KEY (account_id, month)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS edge_usage_months (
            account_id TEXT    NOT NULL,
            month      TEXT    NOT NULL,
            requests   INTEGER NOT NULL,
            bytes      INTEGER NOT NULL,
            PRIMARY KEY (account_id, month)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS cdn_log_objects (
            id         TEXT    NOT NULL PRIMARY KEY,
            source     TEXT    NOT NULL,
            etag       TEXT,
            requests   INTEGER NOT NULL,
            bytes      INTEGER NOT NULL,
            applied_at INTEGER NOT NULL
        );
        CREATE TABLE IF NOT EXISTS rate_windows (
            account_id   TEXT    NOT NULL,
            window_start INTEGER NOT NULL,
            count        INTEGER NOT NULL,
            PRIMARY KEY (account_id, window_start)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS variants (
            account_id TEXT    NOT NULL,
            name       TEXT    NOT NULL,
            transform  TEXT    NOT NULL,
            eager      INTEGER NOT NULL,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            PRIMARY KEY (account_id, name)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS billing_events (
            id              TEXT    NOT NULL PRIMARY KEY,
            type            TEXT    NOT NULL,
            created         INTEGER NOT NULL,
            subscription_id TEXT,
            account_id      TEXT,
            customer_id     TEXT,
            payload         TEXT    NOT NULL,
            received_at     INTEGER NOT NULL,
            applied_at      INTEGER,
            attempts        INTEGER NOT NULL
        );
        CREATE INDEX IF NOT EXISTS ix_billing_events_unapplied ON billing_events (received_at) WHERE applied_at IS NULL;
        CREATE TABLE IF NOT EXISTS meter_reports (
            account_id  TEXT    NOT NULL,
            meter       TEXT    NOT NULL,
            hour        TEXT    NOT NULL,
            month       TEXT    NOT NULL,
            customer_id TEXT    NOT NULL,
            quantity    INTEGER NOT NULL,
            created_at  INTEGER NOT NULL,
            reported_at INTEGER,
            attempts    INTEGER NOT NULL,
            PRIMARY KEY (account_id, meter, hour)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS ix_meter_reports_month ON meter_reports (account_id, month);
        CREATE TABLE IF NOT EXISTS pending_purges (
            id         TEXT    NOT NULL PRIMARY KEY,
            paths      TEXT    NOT NULL,
            created_at INTEGER NOT NULL,
            attempts   INTEGER NOT NULL
        );
        """;

    private readonly SqliteFile _file;

    public AccountsDatabase(LocalStorageOptions options)
    {
        _file = new SqliteFile(options, FileName, "accounts", Schema);
        using var connection = _file.Open();
        using var command = connection.CreateCommand();
        // Columns added after the first release, for databases made before them (ALTER TABLE on new ones too: one path).
        command.CommandText = "SELECT COUNT(*) FROM pragma_table_info('accounts') WHERE name = 'allow_arbitrary_transforms'";
        if (Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 0)
        {
            command.CommandText = "ALTER TABLE accounts ADD COLUMN allow_arbitrary_transforms INTEGER NOT NULL DEFAULT 1";
            command.ExecuteNonQuery();
        }
        AddBillingColumns(connection);
    }

    /// <summary>Files made before billing have accounts without the billing columns: add them (the defaults mean no
    /// subscription). ADD COLUMN is cheap in SQLite: it rewrites no rows.</summary>
    private static void AddBillingColumns(SqliteConnection connection)
    {
        var existing = new HashSet<string>(StringComparer.Ordinal);
        using (var info = connection.CreateCommand())
        {
            info.CommandText = "SELECT name FROM pragma_table_info('accounts')";
            using var reader = info.ExecuteReader();
            while (reader.Read())
            {
                existing.Add(reader.GetString(0));
            }
        }
        foreach (var (column, definition) in BillingColumns)
        {
            if (!existing.Contains(column))
            {
                using var alter = connection.CreateCommand();
                alter.CommandText = $"ALTER TABLE accounts ADD COLUMN {column} {definition}";
                alter.ExecuteNonQuery();
            }
        }
    }

    private static readonly (string Column, string Definition)[] BillingColumns =
    [
        ("stripe_customer_id", "TEXT"),
        ("stripe_subscription_id", "TEXT"),
        ("billing_status", "TEXT NOT NULL DEFAULT 'None'"),
        ("billing_plan_id", "TEXT"),
        ("billing_period_end", "INTEGER"),
        ("billing_cancel_at_period_end", "INTEGER NOT NULL DEFAULT 0"),
        ("billing_grace_until", "INTEGER"),
    ];

    /// <summary>Runs <paramref name="work"/> on a pooled connection; SQLite failures other than constraint violations
    /// (which callers translate themselves) become <see cref="ImageService.Core.Storage.StorageUnavailableException"/>.</summary>
    public Task<T> RunAsync<T>(Func<SqliteConnection, Task<T>> work) => _file.RunAsync(work);

    /// <summary>Like <see cref="RunAsync{T}"/> for work that writes: one writer of this process at a time.</summary>
    public Task<T> WriteAsync<T>(Func<SqliteConnection, Task<T>> work, CancellationToken cancellationToken) => _file.WriteAsync(work, cancellationToken);
}
