using System.Globalization;
using ImageService.Core.Jobs;
using ImageService.Core.Storage;
using ImageService.Storage.Local.Accounts;
using Microsoft.Data.Sqlite;

namespace ImageService.Storage.Local.Jobs;

/// <summary>Jobs in <c>jobs.db</c>: one row per job with its counters, one per item with its state, errors and result
/// ids in their own tables. Every change is one transaction; an item's completion and the job's counters move together.</summary>
public sealed class SqliteJobStore : IJobStore
{
    private const string JobColumns = "id, owner_id, kind, status, reason, total, done, failed, created_at, started_at, finished_at, " +
        "callback_url, variants, workflow, image_id, parameters, album_id, eager";

    private readonly JobsDatabase _database;

    public SqliteJobStore(LocalStorageOptions options)
        : this(new JobsDatabase(options))
    {
    }

    internal SqliteJobStore(JobsDatabase database) => _database = database;

    public Task CreateAsync(Job job, IReadOnlyList<JobItem> items, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(items);
        return _database.WriteAsync(async (connection, transaction) =>
        {
            using (var insert = connection.CreateCommand())
            {
                insert.Transaction = transaction;
                insert.CommandText = $"INSERT INTO jobs ({JobColumns}) VALUES ($id, $owner, $kind, $status, $reason, $total, 0, 0, $created, NULL, $finished, " +
                    "$callback, $variants, $workflow, $image, $parameters, $album, $eager)";
                insert.Parameters.AddWithValue("$id", job.Id);
                insert.Parameters.AddWithValue("$owner", job.OwnerId);
                insert.Parameters.AddWithValue("$kind", job.Kind);
                insert.Parameters.AddWithValue("$status", JobStatuses.ToWire(job.Status));
                insert.Parameters.AddWithValue("$reason", (object?)job.Reason ?? DBNull.Value);
                insert.Parameters.AddWithValue("$total", job.Total);
                insert.Parameters.AddWithValue("$created", job.CreatedAt.ToUnixTimeMilliseconds());
                insert.Parameters.AddWithValue("$finished", job.FinishedAt is { } finished ? (object)finished.ToUnixTimeMilliseconds() : DBNull.Value);
                insert.Parameters.AddWithValue("$callback", (object?)job.CallbackUrl ?? DBNull.Value);
                insert.Parameters.AddWithValue("$variants", StringListJson.Write(job.Variants));
                insert.Parameters.AddWithValue("$workflow", (object?)job.Workflow ?? DBNull.Value);
                insert.Parameters.AddWithValue("$image", (object?)job.ImageId ?? DBNull.Value);
                insert.Parameters.AddWithValue("$parameters", (object?)job.ParametersJson ?? DBNull.Value);
                insert.Parameters.AddWithValue("$album", (object?)job.AlbumId ?? DBNull.Value);
                insert.Parameters.AddWithValue("$eager", job.Eager ? 1 : 0);
                try
                {
                    await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (SqliteException ex) when (ex.SqliteErrorCode == SQLitePCL.raw.SQLITE_CONSTRAINT)
                {
                    throw new ConflictException($"A job with id {job.Id} exists.", ex);
                }
            }
            using var item = connection.CreateCommand();
            item.Transaction = transaction;
            item.CommandText = "INSERT INTO job_items (job_id, item_id, image_id, variant, state) VALUES ($job, $item, $image, $variant, 'pending')";
            var itemId = item.Parameters.Add("$item", SqliteType.Text);
            var image = item.Parameters.Add("$image", SqliteType.Text);
            var variant = item.Parameters.Add("$variant", SqliteType.Text);
            item.Parameters.AddWithValue("$job", job.Id);
            foreach (var entry in items)
            {
                itemId.Value = entry.ItemId;
                image.Value = entry.ImageId;
                variant.Value = (object?)entry.Variant ?? DBNull.Value;
                await item.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            var outbox = items.Count > 0 ? JobOutboxKind.Items : job.CallbackUrl is not null && JobStatuses.IsFinal(job.Status) ? JobOutboxKind.Callback : (JobOutboxKind?)null;
            if (outbox is { } kind)
            {
                await RecordOutboxAsync(connection, transaction, job.OwnerId, job.Id, kind, job.FinishedAt ?? job.CreatedAt, cancellationToken).ConfigureAwait(false);
            }
            return 0;
        }, cancellationToken);
    }

    public Task<IReadOnlyList<JobItem>> ListItemsAsync(string ownerId, string jobId, CancellationToken cancellationToken = default) =>
        _database.RunAsync<IReadOnlyList<JobItem>>(async connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT i.item_id, i.image_id, i.variant, i.state FROM job_items i JOIN jobs j ON j.id = i.job_id " +
                "WHERE i.job_id = $job AND j.owner_id = $owner";
            command.Parameters.AddWithValue("$job", jobId);
            command.Parameters.AddWithValue("$owner", ownerId);
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var items = new List<JobItem>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                items.Add(new JobItem
                {
                    ItemId = reader.GetString(0),
                    ImageId = reader.GetString(1),
                    Variant = reader.IsDBNull(2) ? null : reader.GetString(2),
                    State = ItemState(reader.GetString(3)),
                });
            }
            items.Sort((a, b) => string.CompareOrdinal(a.ItemId, b.ItemId));
            return items;
        });

    public Task<IReadOnlyList<JobOutboxEntry>> ListOutboxAsync(DateTimeOffset before, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return _database.RunAsync<IReadOnlyList<JobOutboxEntry>>(async connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT owner_id, job_id, kind, at FROM job_outbox WHERE at < $before ORDER BY at, job_id, kind LIMIT $limit";
            command.Parameters.AddWithValue("$before", before.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$limit", limit);
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var entries = new List<JobOutboxEntry>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                entries.Add(new JobOutboxEntry(reader.GetString(0), reader.GetString(1), OutboxKind(reader.GetString(2)),
                    DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3))));
            }
            return entries;
        });
    }

    public Task ClearOutboxAsync(string ownerId, string jobId, JobOutboxKind kind, CancellationToken cancellationToken = default) =>
        ExecuteAsync("DELETE FROM job_outbox WHERE job_id = $job AND owner_id = $owner AND kind = $kind", ownerId, jobId, cancellationToken,
            ("$kind", OutboxKind(kind)));

    public Task<Job?> GetAsync(string ownerId, string jobId, CancellationToken cancellationToken = default) =>
        _database.RunAsync(connection => ReadJobAsync(connection, null, ownerId, jobId, cancellationToken));

    public Task<JobPage> ListAsync(string ownerId, int limit, string? after, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return _database.RunAsync(async connection =>
        {
            var ids = new List<string>();
            using (var command = connection.CreateCommand())
            {
                command.CommandText = "SELECT id, created_at FROM jobs WHERE owner_id = $owner" +
                    (after is null ? "" : " AND (created_at < $afterCreated OR (created_at = $afterCreated AND id < $afterId))") +
                    " ORDER BY created_at DESC, id DESC LIMIT $limit";
                command.Parameters.AddWithValue("$owner", ownerId);
                command.Parameters.AddWithValue("$limit", limit + 1);
                if (after is not null)
                {
                    var separator = after.IndexOf(':', StringComparison.Ordinal);
                    command.Parameters.AddWithValue("$afterCreated", long.Parse(after[..separator], CultureInfo.InvariantCulture));
                    command.Parameters.AddWithValue("$afterId", after[(separator + 1)..]);
                }
                using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    ids.Add(reader.GetString(0));
                }
            }
            var jobs = new List<Job>(Math.Min(ids.Count, limit));
            foreach (var id in ids.Take(limit))
            {
                if (await ReadJobAsync(connection, null, ownerId, id, cancellationToken).ConfigureAwait(false) is { } job)
                {
                    jobs.Add(job);
                }
            }
            var next = ids.Count > limit && jobs.Count > 0
                ? string.Create(CultureInfo.InvariantCulture, $"{jobs[^1].CreatedAt.ToUnixTimeMilliseconds()}:{jobs[^1].Id}")
                : null;
            return new JobPage(jobs, next);
        });
    }

    public Task<JobItem?> GetItemAsync(string ownerId, string jobId, string itemId, CancellationToken cancellationToken = default) =>
        _database.RunAsync(async connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT i.item_id, i.image_id, i.variant, i.state FROM job_items i JOIN jobs j ON j.id = i.job_id " +
                "WHERE i.job_id = $job AND i.item_id = $item AND j.owner_id = $owner";
            command.Parameters.AddWithValue("$job", jobId);
            command.Parameters.AddWithValue("$item", itemId);
            command.Parameters.AddWithValue("$owner", ownerId);
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }
            return new JobItem
            {
                ItemId = reader.GetString(0),
                ImageId = reader.GetString(1),
                Variant = reader.IsDBNull(2) ? null : reader.GetString(2),
                State = ItemState(reader.GetString(3)),
            };
        });

    public Task MarkRunningAsync(string ownerId, string jobId, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        ExecuteAsync("UPDATE jobs SET status = 'running', reason = NULL, started_at = COALESCE(started_at, $now) " +
            "WHERE id = $job AND owner_id = $owner AND status = 'queued'", ownerId, jobId, cancellationToken, ("$now", now.ToUnixTimeMilliseconds()));

    public Task MarkWaitingAsync(string ownerId, string jobId, string reason, CancellationToken cancellationToken = default) =>
        ExecuteAsync("UPDATE jobs SET status = 'queued', reason = $reason WHERE id = $job AND owner_id = $owner AND status IN ('queued', 'running')",
            ownerId, jobId, cancellationToken, ("$reason", reason));

    public Task<ItemCompletion> CompleteItemAsync(string ownerId, string jobId, string itemId, JobItemOutcome outcome, DateTimeOffset now,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return _database.WriteAsync(async (connection, transaction) =>
        {
            using (var item = connection.CreateCommand())
            {
                item.Transaction = transaction;
                // The state condition is what makes a duplicate delivery count nothing.
                item.CommandText = "UPDATE job_items SET state = $state WHERE job_id = $job AND item_id = $item AND state = 'pending' " +
                    "AND EXISTS (SELECT 1 FROM jobs WHERE id = $job AND owner_id = $owner)";
                item.Parameters.AddWithValue("$state", outcome.Succeeded ? "done" : "failed");
                item.Parameters.AddWithValue("$job", jobId);
                item.Parameters.AddWithValue("$item", itemId);
                item.Parameters.AddWithValue("$owner", ownerId);
                if (await item.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
                {
                    return new ItemCompletion(false, false, await ReadJobAsync(connection, transaction, ownerId, jobId, cancellationToken).ConfigureAwait(false));
                }
            }
            using (var counters = connection.CreateCommand())
            {
                counters.Transaction = transaction;
                counters.CommandText = outcome.Succeeded
                    ? "UPDATE jobs SET done = done + 1 WHERE id = $job"
                    : "UPDATE jobs SET failed = failed + 1 WHERE id = $job";
                counters.Parameters.AddWithValue("$job", jobId);
                await counters.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            foreach (var resultId in outcome.ResultImageIds)
            {
                using var result = connection.CreateCommand();
                result.Transaction = transaction;
                result.CommandText = "INSERT INTO job_results (job_id, position, image_id) " +
                    "VALUES ($job, (SELECT COUNT(*) FROM job_results WHERE job_id = $job), $image)";
                result.Parameters.AddWithValue("$job", jobId);
                result.Parameters.AddWithValue("$image", resultId);
                await result.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            if (outcome.Error is { } error)
            {
                using var insert = connection.CreateCommand();
                insert.Transaction = transaction;
                insert.CommandText = "INSERT INTO job_errors (job_id, item_id, image_id, message, at) " +
                    "SELECT $job, $item, (SELECT image_id FROM job_items WHERE job_id = $job AND item_id = $item), $message, $at " +
                    "WHERE (SELECT COUNT(*) FROM job_errors WHERE job_id = $job) < $max";
                insert.Parameters.AddWithValue("$job", jobId);
                insert.Parameters.AddWithValue("$item", itemId);
                insert.Parameters.AddWithValue("$message", error);
                insert.Parameters.AddWithValue("$at", now.ToUnixTimeMilliseconds());
                insert.Parameters.AddWithValue("$max", Job.MaxErrors);
                await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            bool finished;
            using (var settle = connection.CreateCommand())
            {
                settle.Transaction = transaction;
                settle.CommandText = "UPDATE jobs SET status = CASE WHEN failed = 0 THEN 'succeeded' ELSE 'failed' END, finished_at = $now, reason = NULL " +
                    "WHERE id = $job AND done + failed >= total AND status IN ('queued', 'running')";
                settle.Parameters.AddWithValue("$job", jobId);
                settle.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
                finished = await settle.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
            }
            var job = await ReadJobAsync(connection, transaction, ownerId, jobId, cancellationToken).ConfigureAwait(false);
            if (finished && job?.CallbackUrl is not null)
            {
                // In the settling transaction: a crash before the callback is enqueued leaves this for the sweep.
                await RecordOutboxAsync(connection, transaction, ownerId, jobId, JobOutboxKind.Callback, now, cancellationToken).ConfigureAwait(false);
            }
            return new ItemCompletion(true, finished, job);
        }, cancellationToken);
    }

    public Task<CancelResult> CancelAsync(string ownerId, string jobId, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        _database.WriteAsync(async (connection, transaction) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "UPDATE jobs SET status = 'canceled', finished_at = $now, reason = NULL " +
                "WHERE id = $job AND owner_id = $owner AND status IN ('queued', 'running')";
            command.Parameters.AddWithValue("$job", jobId);
            command.Parameters.AddWithValue("$owner", ownerId);
            command.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
            if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1)
            {
                return CancelResult.Canceled;
            }
            return await ReadJobAsync(connection, transaction, ownerId, jobId, cancellationToken).ConfigureAwait(false) is null
                ? CancelResult.NotFound
                : CancelResult.AlreadyFinished;
        }, cancellationToken);

    private Task<int> ExecuteAsync(string sql, string ownerId, string jobId, CancellationToken cancellationToken, params (string Name, object Value)[] parameters) =>
        _database.WriteAsync(async (connection, transaction) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            command.Parameters.AddWithValue("$job", jobId);
            command.Parameters.AddWithValue("$owner", ownerId);
            foreach (var (name, value) in parameters)
            {
                command.Parameters.AddWithValue(name, value);
            }
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    private static async Task<Job?> ReadJobAsync(SqliteConnection connection, SqliteTransaction? transaction, string ownerId, string jobId,
        CancellationToken cancellationToken)
    {
        Job job;
        using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = $"SELECT {JobColumns} FROM jobs WHERE id = $job AND owner_id = $owner";
            command.Parameters.AddWithValue("$job", jobId);
            command.Parameters.AddWithValue("$owner", ownerId);
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }
            job = new Job
            {
                Id = reader.GetString(0),
                OwnerId = reader.GetString(1),
                Kind = reader.GetString(2),
                Status = JobStatuses.FromWire(reader.GetString(3)),
                Reason = NullableString(reader, 4),
                Total = reader.GetInt32(5),
                Done = reader.GetInt32(6),
                Failed = reader.GetInt32(7),
                CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(8)),
                StartedAt = reader.IsDBNull(9) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(9)),
                FinishedAt = reader.IsDBNull(10) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(10)),
                CallbackUrl = NullableString(reader, 11),
                Variants = StringListJson.Read(reader.GetString(12)),
                Workflow = NullableString(reader, 13),
                ImageId = NullableString(reader, 14),
                ParametersJson = NullableString(reader, 15),
                AlbumId = NullableString(reader, 16),
                Eager = reader.GetInt64(17) != 0,
            };
        }
        var errors = new List<JobError>();
        using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = "SELECT item_id, image_id, message, at FROM job_errors WHERE job_id = $job ORDER BY rowid";
            command.Parameters.AddWithValue("$job", jobId);
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                errors.Add(new JobError(reader.GetString(0), NullableString(reader, 1), reader.GetString(2),
                    DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3))));
            }
        }
        var results = new List<string>();
        using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = "SELECT image_id FROM job_results WHERE job_id = $job ORDER BY position";
            command.Parameters.AddWithValue("$job", jobId);
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                results.Add(reader.GetString(0));
            }
        }
        return job with { Errors = errors, ResultImageIds = results };
    }

    private static async Task RecordOutboxAsync(SqliteConnection connection, SqliteTransaction transaction, string ownerId, string jobId,
        JobOutboxKind kind, DateTimeOffset at, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT OR REPLACE INTO job_outbox (job_id, kind, owner_id, at) VALUES ($job, $kind, $owner, $at)";
        command.Parameters.AddWithValue("$job", jobId);
        command.Parameters.AddWithValue("$kind", OutboxKind(kind));
        command.Parameters.AddWithValue("$owner", ownerId);
        command.Parameters.AddWithValue("$at", at.ToUnixTimeMilliseconds());
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string OutboxKind(JobOutboxKind kind) => kind == JobOutboxKind.Items ? "items" : "callback";

    private static JobOutboxKind OutboxKind(string value) => value switch
    {
        "items" => JobOutboxKind.Items,
        "callback" => JobOutboxKind.Callback,
        _ => throw new FormatException($"Unknown outbox kind '{value}'."),
    };

    private static string? NullableString(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static JobItemState ItemState(string value) => value switch
    {
        "pending" => JobItemState.Pending,
        "done" => JobItemState.Done,
        "failed" => JobItemState.Failed,
        _ => throw new FormatException($"Unknown item state '{value}'."),
    };
}
