using ImageService.Core.Storage;
using Microsoft.Data.Sqlite;

namespace ImageService.Storage.Local.Jobs;

/// <summary>
/// <c>&lt;DataDirectory&gt;/jobs.db</c>: jobs, their items, the outbox (messages promised, not yet enqueued), and the durable queue (messages and dead letters), apart from
/// the catalogue and the accounts so the worker's writes never queue behind request writes for SQLite's one write
/// lock. Same discipline as the accounts database: WAL, and one in-process gate in front of the write lock so
/// concurrent workers hand it over without sleeping in SQLite's busy handler.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification =
    "The write gate's SemaphoreSlim holds no unmanaged resource unless AvailableWaitHandle is used, which it is not; the database lives as long as the process.")]
internal sealed class JobsDatabase
{
    public const string FileName = "jobs.db";
    private const int BusyTimeoutMilliseconds = 10_000;

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS jobs (
            id           TEXT    NOT NULL PRIMARY KEY,
            owner_id     TEXT    NOT NULL,
            kind         TEXT    NOT NULL,
            status       TEXT    NOT NULL,
            reason       TEXT,
            total        INTEGER NOT NULL,
            done         INTEGER NOT NULL,
            failed       INTEGER NOT NULL,
            created_at   INTEGER NOT NULL,
            started_at   INTEGER,
            finished_at  INTEGER,
            callback_url TEXT,
            variants     TEXT    NOT NULL,
            workflow     TEXT,
            image_id     TEXT,
            parameters   TEXT,
            album_id     TEXT,
            eager        INTEGER NOT NULL
        );
        CREATE INDEX IF NOT EXISTS ix_jobs_owner ON jobs (owner_id, created_at DESC, id DESC);
        CREATE TABLE IF NOT EXISTS job_items (
            job_id   TEXT NOT NULL,
            item_id  TEXT NOT NULL,
            image_id TEXT NOT NULL,
            variant  TEXT,
            state    TEXT NOT NULL,
            PRIMARY KEY (job_id, item_id)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS job_errors (
            job_id   TEXT    NOT NULL,
            item_id  TEXT    NOT NULL,
            image_id TEXT,
            message  TEXT    NOT NULL,
            at       INTEGER NOT NULL
        );
        CREATE INDEX IF NOT EXISTS ix_job_errors_job ON job_errors (job_id);
        CREATE TABLE IF NOT EXISTS job_results (
            job_id   TEXT    NOT NULL,
            position INTEGER NOT NULL,
            image_id TEXT    NOT NULL,
            PRIMARY KEY (job_id, position)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS job_outbox (
            job_id   TEXT    NOT NULL,
            kind     TEXT    NOT NULL,
            owner_id TEXT    NOT NULL,
            at       INTEGER NOT NULL,
            PRIMARY KEY (job_id, kind)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS queue_messages (
            id          TEXT    NOT NULL PRIMARY KEY,
            body        TEXT    NOT NULL,
            attempts    INTEGER NOT NULL,
            visible_at  INTEGER NOT NULL,
            enqueued_at INTEGER NOT NULL,
            receipt     TEXT
        );
        CREATE INDEX IF NOT EXISTS ix_queue_visible ON queue_messages (visible_at);
        CREATE TABLE IF NOT EXISTS dead_letters (
            id          TEXT    NOT NULL PRIMARY KEY,
            body        TEXT    NOT NULL,
            attempts    INTEGER NOT NULL,
            reason      TEXT    NOT NULL,
            enqueued_at INTEGER NOT NULL,
            dead_at     INTEGER NOT NULL
        );
        """;

    private readonly string _connectionString;
    private readonly SemaphoreSlim _writeGate = new(1, 1);

    public JobsDatabase(LocalStorageOptions options)
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
        command.CommandText = "PRAGMA journal_mode = WAL; " + Schema;
        command.ExecuteNonQuery();
    }

    public async Task<T> RunAsync<T>(Func<SqliteConnection, Task<T>> work)
    {
        try
        {
            using var connection = Open();
            return await work(connection).ConfigureAwait(false);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode != SQLitePCL.raw.SQLITE_CONSTRAINT)
        {
            throw new StorageUnavailableException("The jobs database is unavailable.", ex);
        }
    }

    /// <summary>A synchronous read, for callers that cannot await (a metrics collection callback).</summary>
    public T Run<T>(Func<SqliteConnection, T> work)
    {
        try
        {
            using var connection = Open();
            return work(connection);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode != SQLitePCL.raw.SQLITE_CONSTRAINT)
        {
            throw new StorageUnavailableException("The jobs database is unavailable.", ex);
        }
    }

    /// <summary>Like <see cref="RunAsync{T}"/> in one transaction, one writer of this process at a time.</summary>
    public async Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await RunAsync(async connection =>
            {
                using var transaction = connection.BeginTransaction();
                var result = await work(connection, transaction).ConfigureAwait(false);
                transaction.Commit();
                return result;
            }).ConfigureAwait(false);
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
        pragma.CommandText = $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds}; PRAGMA synchronous = NORMAL;";
        pragma.ExecuteNonQuery();
        return connection;
    }
}
