using System.Globalization;
using ImageService.Core.Images;
using ImageService.Core.Storage;
using Microsoft.Data.Sqlite;

namespace ImageService.Storage.Local;

/// <summary>
/// Image metadata in SQLite (<c>&lt;DataDirectory&gt;/metadata.db</c>, WAL journal). Listing is keyset pagination over
/// (created_at, id) descending, served by covering indexes for owner, album and tag, so a filtered page is always full.
/// The raw continuation position is "createdTicks:id"; the API wraps it in a signed cursor.
/// </summary>
public sealed class SqliteImageMetadataStore : IImageMetadataStore
{
    private const char TagSeparator = '\u001F'; // unit separator: tags are validated to exclude control characters
    private readonly string connectionString;
    private readonly string busyPragma;

    public SqliteImageMetadataStore(LocalStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Directory.CreateDirectory(options.FullDataDirectory);
        connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(options.FullDataDirectory, "metadata.db"),
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            // Seconds the driver retries a busy statement; SQLite's own handler (busy_timeout) waits in finer steps.
            DefaultTimeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds),
        }.ToString();
        busyPragma = $"PRAGMA busy_timeout = {(int)options.BusyTimeout.TotalMilliseconds}; ";
        using var connection = Open();
        using var command = connection.CreateCommand();
        // WAL is a property of the database file: set once, it holds for every later connection.
        command.CommandText = "PRAGMA journal_mode = WAL;" + SqliteSchema.Create;
        command.ExecuteNonQuery();
        command.CommandText = "SELECT COUNT(*) FROM pragma_table_info('images') WHERE name = 'path'";
        if (Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) == 0)
        {
            command.CommandText = SqliteSchema.AddPathColumn;
            command.ExecuteNonQuery();
        }
        command.CommandText = SqliteSchema.PathIndex;
        command.ExecuteNonQuery();
    }

    public async Task CreateAsync(ImageRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        await RunAsync(async connection =>
        {
            using var transaction = connection.BeginTransaction();
            using (var insert = connection.CreateCommand())
            {
                insert.Transaction = transaction;
                insert.CommandText = """
                    INSERT INTO images (id, owner_id, album_id, title, description, tags, format, width, height, bytes,
                                        sha256, status, created_at, updated_at, version, path)
                    VALUES ($id, $owner, $album, $title, $description, $tags, $format, $width, $height, $bytes,
                            $sha256, $status, $created, $updated, $version, $path)
                    """;
                Bind(insert, record);
                try
                {
                    await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (SqliteException ex) when (ex.SqliteErrorCode == SQLitePCL.raw.SQLITE_CONSTRAINT)
                {
                    throw IsPathTaken(ex) ? PathTaken(record, ex) : new ConflictException($"Image {record.Id} already exists.", ex);
                }
            }
            await WriteTagsAsync(connection, transaction, record, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return 0;
        }).ConfigureAwait(false);
    }

    public Task<ImageRecord?> GetAsync(string ownerId, string imageId, CancellationToken cancellationToken = default) =>
        ReadOneAsync("id = $value AND owner_id = $owner", ownerId, imageId, cancellationToken);

    public Task<ImageRecord?> FindByPathAsync(string ownerId, string path, CancellationToken cancellationToken = default) =>
        ReadOneAsync("owner_id = $owner AND path = $value", ownerId, path, cancellationToken);

    public Task<ImagePage> ListAsync(ImageQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var limit = Math.Clamp(query.Limit, 1, 1000);
        return RunAsync(async connection =>
        {
            using var command = connection.CreateCommand();
            var table = query.Tag is null ? "images i" : "image_tags t JOIN images i ON i.id = t.image_id";
            var created = query.Tag is null ? "i.created_at" : "t.created_at";
            var id = query.Tag is null ? "i.id" : "t.image_id";
            var where = new List<string>
            {
                query.Tag is null ? "i.owner_id = $owner" : "t.owner_id = $owner AND t.tag = $tag",
                $"i.status = {(int)ImageStatus.Ready}",
            };
            command.Parameters.AddWithValue("$owner", query.OwnerId);
            if (query.Tag is not null)
            {
                command.Parameters.AddWithValue("$tag", query.Tag);
            }
            if (query.AlbumId is not null)
            {
                where.Add("i.album_id = $album");
                command.Parameters.AddWithValue("$album", query.AlbumId);
            }
            if (query.After is not null)
            {
                var (afterCreated, afterId) = ParsePosition(query.After);
                where.Add($"({created} < $afterCreated OR ({created} = $afterCreated AND {id} < $afterId))");
                command.Parameters.AddWithValue("$afterCreated", afterCreated);
                command.Parameters.AddWithValue("$afterId", afterId);
            }
            var columns = string.Join(", ", SqliteSchema.Columns.Split(", ").Select(c => "i." + c));
            command.CommandText = $"""
                SELECT {columns} FROM {table}
                WHERE {string.Join(" AND ", where)}
                ORDER BY {created} DESC, {id} DESC
                LIMIT $limit
                """;
            command.Parameters.AddWithValue("$limit", limit + 1); // one extra row tells whether another page exists
            var items = new List<ImageRecord>(limit + 1);
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                items.Add(Read(reader));
            }
            if (items.Count <= limit)
            {
                return new ImagePage(items, null);
            }
            items.RemoveAt(limit);
            var last = items[^1];
            return new ImagePage(items, $"{last.CreatedAt.UtcTicks.ToString(CultureInfo.InvariantCulture)}:{last.Id}");
        });
    }

    public async Task UpdateAsync(ImageRecord updated, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(updated);
        await RunAsync(async connection =>
        {
            using var transaction = connection.BeginTransaction();
            using (var update = connection.CreateCommand())
            {
                update.Transaction = transaction;
                // The version check and the write are one statement, so two writers can never both win.
                update.CommandText = """
                    UPDATE images SET album_id = $album, title = $title, description = $description, tags = $tags,
                        format = $format, width = $width, height = $height, bytes = $bytes, sha256 = $sha256,
                        status = $status, created_at = $created, updated_at = $updated, version = $version, path = $path
                    WHERE id = $id AND owner_id = $owner AND version = $expected
                    """;
                Bind(update, updated);
                update.Parameters.AddWithValue("$expected", expectedVersion);
                int changed;
                try
                {
                    changed = await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (SqliteException ex) when (ex.SqliteErrorCode == SQLitePCL.raw.SQLITE_CONSTRAINT && IsPathTaken(ex))
                {
                    throw PathTaken(updated, ex);
                }
                if (changed == 0)
                {
                    using var exists = connection.CreateCommand();
                    exists.Transaction = transaction;
                    exists.CommandText = "SELECT version FROM images WHERE id = $id AND owner_id = $owner";
                    exists.Parameters.AddWithValue("$id", updated.Id);
                    exists.Parameters.AddWithValue("$owner", updated.OwnerId);
                    var current = await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
                    throw current is null
                        ? new NotFoundException(StoredItem.Image, $"Image {updated.Id} does not exist.")
                        : new PreconditionFailedException($"Image {updated.Id} is at version {current}, not {expectedVersion}.");
                }
            }
            using (var clear = connection.CreateCommand())
            {
                clear.Transaction = transaction;
                clear.CommandText = "DELETE FROM image_tags WHERE image_id = $id";
                clear.Parameters.AddWithValue("$id", updated.Id);
                await clear.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            await WriteTagsAsync(connection, transaction, updated, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return 0;
        }).ConfigureAwait(false);
    }

    public Task<bool> DeleteAsync(string ownerId, string imageId, CancellationToken cancellationToken = default) =>
        RunAsync(async connection =>
        {
            using var transaction = connection.BeginTransaction();
            using var delete = connection.CreateCommand();
            delete.Transaction = transaction;
            delete.CommandText = """
                DELETE FROM image_tags WHERE image_id = $id AND owner_id = $owner;
                DELETE FROM images WHERE id = $id AND owner_id = $owner;
                SELECT changes();
                """;
            delete.Parameters.AddWithValue("$id", imageId);
            delete.Parameters.AddWithValue("$owner", ownerId);
            var removed = Convert.ToInt64(await delete.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return removed > 0;
        });

    public async Task<bool> IsReadyAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return await RunAsync(async connection =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = "SELECT 1 FROM images LIMIT 1";
                await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
                return true;
            }).ConfigureAwait(false);
        }
        catch (StorageUnavailableException)
        {
            return false;
        }
    }

    private Task<ImageRecord?> ReadOneAsync(string where, string ownerId, string value, CancellationToken cancellationToken) =>
        RunAsync(async connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {SqliteSchema.Columns} FROM images WHERE {where}";
            command.Parameters.AddWithValue("$owner", ownerId);
            command.Parameters.AddWithValue("$value", value);
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader) : null;
        });

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        // Per connection (pooled connections keep it): in WAL mode NORMAL syncs at checkpoints, not on every commit;
        // a power cut can lose the last commits but never corrupts the database.
        using var pragma = connection.CreateCommand();
        pragma.CommandText = busyPragma + "PRAGMA synchronous = NORMAL;";
        pragma.ExecuteNonQuery();
        return connection;
    }

    /// <summary>Runs one unit of work on a pooled connection and turns SQLite's operational failures (locked past the
    /// timeout, I/O, disk full, unreadable file) into <see cref="StorageUnavailableException"/>.</summary>
    private async Task<T> RunAsync<T>(Func<SqliteConnection, Task<T>> work)
    {
        try
        {
            using var connection = Open();
            return await work(connection).ConfigureAwait(false);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is not SQLitePCL.raw.SQLITE_CONSTRAINT)
        {
            throw new StorageUnavailableException("The metadata database is unavailable.", ex);
        }
    }

    private static async Task WriteTagsAsync(SqliteConnection connection, SqliteTransaction transaction, ImageRecord record, CancellationToken cancellationToken)
    {
        foreach (var tag in record.Tags.Distinct(StringComparer.Ordinal))
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "INSERT INTO image_tags (owner_id, tag, created_at, image_id) VALUES ($owner, $tag, $created, $id)";
            command.Parameters.AddWithValue("$owner", record.OwnerId);
            command.Parameters.AddWithValue("$tag", tag);
            command.Parameters.AddWithValue("$created", record.CreatedAt.UtcTicks);
            command.Parameters.AddWithValue("$id", record.Id);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static void Bind(SqliteCommand command, ImageRecord record)
    {
        command.Parameters.AddWithValue("$id", record.Id);
        command.Parameters.AddWithValue("$owner", record.OwnerId);
        command.Parameters.AddWithValue("$album", (object?)record.AlbumId ?? DBNull.Value);
        command.Parameters.AddWithValue("$title", (object?)record.Title ?? DBNull.Value);
        command.Parameters.AddWithValue("$description", (object?)record.Description ?? DBNull.Value);
        command.Parameters.AddWithValue("$tags", string.Join(TagSeparator, record.Tags));
        command.Parameters.AddWithValue("$format", record.Format);
        command.Parameters.AddWithValue("$width", record.Width);
        command.Parameters.AddWithValue("$height", record.Height);
        command.Parameters.AddWithValue("$bytes", record.Bytes);
        command.Parameters.AddWithValue("$sha256", record.Sha256);
        command.Parameters.AddWithValue("$status", (int)record.Status);
        command.Parameters.AddWithValue("$created", record.CreatedAt.UtcTicks);
        command.Parameters.AddWithValue("$updated", record.UpdatedAt.UtcTicks);
        command.Parameters.AddWithValue("$version", record.Version);
        command.Parameters.AddWithValue("$path", (object?)record.Path ?? DBNull.Value);
    }

    // The unique index on (owner_id, path) names both columns in SQLite's message.
    private static bool IsPathTaken(SqliteException ex) => ex.Message.Contains("images.path", StringComparison.Ordinal);

    private static ConflictException PathTaken(ImageRecord record, SqliteException ex) =>
        new($"Another image of this owner already has the path {record.Path}.", ex);

    private static ImageRecord Read(SqliteDataReader reader)
    {
        var tags = reader.GetString(5);
        return new ImageRecord
        {
            Id = reader.GetString(0),
            OwnerId = reader.GetString(1),
            AlbumId = reader.IsDBNull(2) ? null : reader.GetString(2),
            Title = reader.IsDBNull(3) ? null : reader.GetString(3),
            Description = reader.IsDBNull(4) ? null : reader.GetString(4),
            Tags = tags.Length == 0 ? [] : tags.Split(TagSeparator),
            Format = reader.GetString(6),
            Width = reader.GetInt32(7),
            Height = reader.GetInt32(8),
            Bytes = reader.GetInt64(9),
            Sha256 = reader.GetString(10),
            Status = (ImageStatus)reader.GetInt32(11),
            CreatedAt = new DateTimeOffset(reader.GetInt64(12), TimeSpan.Zero),
            UpdatedAt = new DateTimeOffset(reader.GetInt64(13), TimeSpan.Zero),
            Version = reader.GetInt64(14),
            Path = reader.IsDBNull(15) ? null : reader.GetString(15),
        };
    }

    private static (long CreatedTicks, string Id) ParsePosition(string position)
    {
        var colon = position.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !long.TryParse(position.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks))
        {
            throw new ArgumentException("Not a position this store issued.", nameof(position));
        }
        return (ticks, position[(colon + 1)..]);
    }
}
