using ImageService.Core.Storage;
using Microsoft.Data.Sqlite;

namespace ImageService.Storage.Local;

/// <summary>
/// One SQLite file of the embedded backend beside the catalogue (<c>accounts.db</c>, <c>jobs.db</c>): pooled
/// connections opened with <c>Storage:BusyTimeout</c> and <c>synchronous=NORMAL</c> (durable in WAL mode except on power
/// loss), SQLite failures other than constraint violations (which callers translate themselves) reported as
/// <see cref="StorageUnavailableException"/>, and one in-process gate in front of SQLite's write lock: its busy handler
/// polls with sleeps of 1 to 100 ms, so many writers of this process contending for the lock spent most of their time
/// asleep; queueing on a semaphore hands the lock over without sleeping. Another process on the same file still meets
/// the busy timeout.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification =
    "The write gate's SemaphoreSlim holds no unmanaged resource unless AvailableWaitHandle is used, which it is not; the file lives as long as the process.")]
internal sealed class SqliteFile
{
    private readonly string _connectionString;
    private readonly string _openPragmas;
    private readonly string _unavailable;
    private readonly SemaphoreSlim _writeGate = new(1, 1);

    /// <summary>Creates the file if needed, switches it to WAL (stored in the file, so once covers every later
    /// connection) and runs <paramref name="schema"/>.</summary>
    public SqliteFile(LocalStorageOptions options, string fileName, string description, string schema)
    {
        ArgumentNullException.ThrowIfNull(options);
        Directory.CreateDirectory(options.FullDataDirectory);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(options.FullDataDirectory, fileName),
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds),
        }.ToString();
        _openPragmas = $"PRAGMA busy_timeout = {(int)options.BusyTimeout.TotalMilliseconds}; PRAGMA synchronous = NORMAL;";
        _unavailable = $"The {description} database is unavailable.";

        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL; " + schema;
        command.ExecuteNonQuery();
    }

    /// <summary>An open connection, for start-up work such as migrations (failures are not translated).</summary>
    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = _openPragmas;
        pragma.ExecuteNonQuery();
        return connection;
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
            throw new StorageUnavailableException(_unavailable, ex);
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
            throw new StorageUnavailableException(_unavailable, ex);
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
}
