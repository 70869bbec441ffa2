using ImageService.Core.Storage;
using Microsoft.Data.Sqlite;

namespace ImageService.Storage.Local.Accounts;

/// <summary>
/// The SQLite file of accounts, keys, usage counters, rate windows, named variants and pending CDN purges: <c>&lt;DataDirectory&gt;/accounts.db</c>, apart
/// from the image metadata so the per-request counter writes do not queue behind catalogue writes for the one
/// SQLite write lock. WAL journal (readers never block the writer). Writers of this process take turns on
/// <see cref="WriteAsync{T}"/>'s gate before they ask SQLite for its write lock: SQLite's busy handler polls with sleeps of
/// 1 to 100 ms, so many writers contending for the lock (a rate-window and a usage write per delivery request) spent
/// most of their time asleep; queueing on an in-process semaphore hands the lock over without sleeping. Another process
/// on the same file still meets the busy timeout. One instance per file is shared by the stores (see
/// <see cref="LocalAccountsServiceCollectionExtensions"/>) so their writes share the gate.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification =
    "The write gate's SemaphoreSlim holds no unmanaged resource unless AvailableWaitHandle is used, which it is not; the database lives as long as the process.")]
internal sealed class AccountsDatabase
{
    public const string FileName = "accounts.db";
    private const int BusyTimeoutMilliseconds = 10_000;

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
            version             INTEGER NOT NULL
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
        CREATE TABLE IF NOT EXISTS pending_purges (
            id         TEXT    NOT NULL PRIMARY KEY,
            paths      TEXT    NOT NULL,
            created_at INTEGER NOT NULL,
            attempts   INTEGER NOT NULL
        );
        """;

    private readonly string _connectionString;
    private readonly SemaphoreSlim _writeGate = new(1, 1);

    public AccountsDatabase(LocalStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Directory.CreateDirectory(options.FullDataDirectory);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(options.FullDataDirectory, FileName),
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = BusyTimeoutMilliseconds / 1000,
        }.ToString();

        using var connection = Open();
        using var command = connection.CreateCommand();
        // journal_mode is stored in the file, so setting it once here covers every later connection.
        command.CommandText = "PRAGMA journal_mode = WAL; " + Schema;
        command.ExecuteNonQuery();
        // Columns added after the first release, for databases made before them (ALTER TABLE on new ones too: one path).
        command.CommandText = "SELECT COUNT(*) FROM pragma_table_info('accounts') WHERE name = 'allow_arbitrary_transforms'";
        if (Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 0)
        {
            command.CommandText = "ALTER TABLE accounts ADD COLUMN allow_arbitrary_transforms INTEGER NOT NULL DEFAULT 1";
            command.ExecuteNonQuery();
        }
    }

    /// <summary>Runs <paramref name="work"/> on a pooled connection; SQLite failures other than constraint violations
    /// (which callers translate themselves) become <see cref="StorageUnavailableException"/>.</summary>
    public async Task<T> RunAsync<T>(Func<SqliteConnection, Task<T>> work)
    {
        try
        {
            using var connection = Open();
            return await work(connection);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode != SQLitePCL.raw.SQLITE_CONSTRAINT)
        {
            throw new StorageUnavailableException("The accounts database is unavailable.", ex);
        }
    }

    /// <summary>Like <see cref="RunAsync{T}"/> for work that writes: one writer of this process at a time.</summary>
    public async Task<T> WriteAsync<T>(Func<SqliteConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await RunAsync(work).ConfigureAwait(false);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        // SQLite's own busy handler waits in small steps, far finer than the driver's retry loop, which matters when
        // every request writes a rate-window row. synchronous=NORMAL is durable in WAL mode except on power loss.
        pragma.CommandText = $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds}; PRAGMA synchronous = NORMAL;";
        pragma.ExecuteNonQuery();
        return connection;
    }
}
