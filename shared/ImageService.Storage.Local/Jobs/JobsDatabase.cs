using Microsoft.Data.Sqlite;

namespace ImageService.Storage.Local.Jobs;

/// <summary>
/// <c>&lt;DataDirectory&gt;/jobs.db</c>: jobs, their items, the outbox (messages promised, not yet enqueued), and the durable queue (messages and dead letters), apart from
/// the catalogue and the accounts so the worker's writes never queue behind request writes for SQLite's one write
/// lock. Same file discipline as the accounts database (<see cref="SqliteFile"/>: WAL, Storage:BusyTimeout, one
/// in-process write gate so concurrent workers hand the write lock over without sleeping in SQLite's busy handler).
/// </summary>
internal sealed class JobsDatabase
{
    public const string FileName = "jobs.db";

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

    private readonly SqliteFile _file;

    public JobsDatabase(LocalStorageOptions options) => _file = new SqliteFile(options, FileName, "jobs", Schema);

    public Task<T> RunAsync<T>(Func<SqliteConnection, Task<T>> work) => _file.RunAsync(work);

    /// <summary>A synchronous read, for callers that cannot await (a metrics collection callback).</summary>
    public T Run<T>(Func<SqliteConnection, T> work) => _file.Run(work);

    /// <summary>Like <see cref="RunAsync{T}"/> in one transaction, one writer of this process at a time.</summary>
    public Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, Task<T>> work, CancellationToken cancellationToken) =>
        _file.WriteAsync(async connection =>
        {
            using var transaction = connection.BeginTransaction();
            var result = await work(connection, transaction).ConfigureAwait(false);
            transaction.Commit();
            return result;
        }, cancellationToken);
}
