
using ImageService.Core.Jobs;
using Microsoft.Data.Sqlite;

namespace ImageService.Storage.Local.Jobs;

/// <summary>
/// The embedded backend's durable queue, with SQS's semantics: a received message is leased for the visibility timeout
/// (<c>visible_at</c> moves forward and a new receipt is drawn, so a late ack of an expired lease does nothing), each
/// delivery adds one to <c>attempts</c>, and a dead-lettered message moves to <c>dead_letters</c>. Everything is in
/// <c>jobs.db</c>, so a restart delivers queued messages and, once their lease expires, the ones a stopped worker held.
/// Enqueues in this process wake a waiting receiver at once; other changes (expired leases, retry delays) are seen
/// when the earliest one falls due.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "It is a queue, not a collection type.")]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification =
    "The wake-up SemaphoreSlim holds no unmanaged resource unless AvailableWaitHandle is used, which it is not.")]
public sealed class SqliteJobQueue : IJobQueue
{
    private static readonly TimeSpan LongestSleep = TimeSpan.FromSeconds(1);

    private readonly JobsDatabase _database;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _wake = new(0, int.MaxValue);

    public SqliteJobQueue(LocalStorageOptions options, TimeProvider time)
        : this(new JobsDatabase(options), time)
    {
    }

    internal SqliteJobQueue(JobsDatabase database, TimeProvider time) => (_database, _time) = (database, time);

    public async Task EnqueueAsync(IReadOnlyList<JobMessage> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (messages.Count == 0)
        {
            return;
        }
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        await _database.WriteAsync(async (connection, transaction) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "INSERT INTO queue_messages (id, body, attempts, visible_at, enqueued_at) VALUES ($id, $body, 0, $now, $now)";
            var id = command.Parameters.Add("$id", SqliteType.Text);
            var body = command.Parameters.Add("$body", SqliteType.Text);
            command.Parameters.AddWithValue("$now", now);
            foreach (var message in messages)
            {
                id.Value = Guid.CreateVersion7().ToString("N");
                body.Value = JobMessages.Write(message);
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            return 0;
        }, cancellationToken).ConfigureAwait(false);
        _wake.Release(Math.Min(messages.Count, 64));
    }

    public async Task<IReadOnlyList<QueuedMessage>> ReceiveAsync(int max, TimeSpan visibilityTimeout, TimeSpan wait, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        var deadline = _time.GetUtcNow() + wait;
        while (true)
        {
            var (received, nextVisible) = await TakeAsync(max, visibilityTimeout, cancellationToken).ConfigureAwait(false);
            var now = _time.GetUtcNow();
            if (received.Count > 0 || now >= deadline)
            {
                return received;
            }
            var sleep = deadline - now;
            if (nextVisible is { } due && due - now < sleep)
            {
                sleep = due - now;
            }
            sleep = TimeSpan.FromTicks(Math.Clamp(sleep.Ticks, TimeSpan.FromMilliseconds(1).Ticks, LongestSleep.Ticks));
            using var timeout = new CancellationTokenSource(sleep, _time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
            try
            {
                await _wake.WaitAsync(linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The sleep ended; look again.
            }
        }
    }

    public Task AckAsync(QueuedMessage message, CancellationToken cancellationToken = default) =>
        ChangeAsync(message, "DELETE FROM queue_messages WHERE id = $id AND receipt = $receipt", cancellationToken);

    public Task RetryAsync(QueuedMessage message, TimeSpan delay, CancellationToken cancellationToken = default) =>
        ChangeAsync(message, "UPDATE queue_messages SET visible_at = $visible, receipt = NULL WHERE id = $id AND receipt = $receipt",
            cancellationToken, ("$visible", (_time.GetUtcNow() + delay).ToUnixTimeMilliseconds()));

    public Task DeferAsync(QueuedMessage message, TimeSpan delay, CancellationToken cancellationToken = default) =>
        ChangeAsync(message, "UPDATE queue_messages SET visible_at = $visible, receipt = NULL, attempts = MAX(attempts - 1, 0) " +
            "WHERE id = $id AND receipt = $receipt", cancellationToken, ("$visible", (_time.GetUtcNow() + delay).ToUnixTimeMilliseconds()));

    public Task DeadLetterAsync(QueuedMessage message, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        return _database.WriteAsync(async (connection, transaction) =>
        {
            using var move = connection.CreateCommand();
            move.Transaction = transaction;
            move.CommandText = "INSERT OR REPLACE INTO dead_letters (id, body, attempts, reason, enqueued_at, dead_at) " +
                "SELECT id, body, attempts, $reason, enqueued_at, $now FROM queue_messages WHERE id = $id AND receipt = $receipt; " +
                "DELETE FROM queue_messages WHERE id = $id AND receipt = $receipt;";
            move.Parameters.AddWithValue("$id", message.MessageId);
            move.Parameters.AddWithValue("$receipt", message.Receipt);
            move.Parameters.AddWithValue("$reason", reason);
            move.Parameters.AddWithValue("$now", _time.GetUtcNow().ToUnixTimeMilliseconds());
            return await move.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }

    /// <summary>Messages waiting or in flight (the queue's depth).</summary>
    public Task<int> CountAsync(CancellationToken cancellationToken = default) =>
        ScalarAsync("SELECT COUNT(*) FROM queue_messages", cancellationToken);

    /// <summary>
    /// The queue's state for the job gauges, in one read: depth counts visible and in-flight (leased) messages, like
    /// SQS's visible + not-visible counts; the age is that of the oldest visible message (what waits for a worker,
    /// measured from its first enqueue, like SQS's ApproximateAgeOfOldestMessage). Synchronous: a metrics collection
    /// callback cannot await, and both figures come from the one indexed table.
    /// </summary>
    public SqliteQueueState Measure()
    {
        var now = _time.GetUtcNow();
        return _database.Run(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT (SELECT COUNT(*) FROM queue_messages), " +
                "(SELECT MIN(enqueued_at) FROM queue_messages WHERE visible_at <= $now), " +
                "(SELECT COUNT(*) FROM dead_letters), (SELECT MIN(dead_at) FROM dead_letters)";
            command.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
            using var reader = command.ExecuteReader();
            reader.Read();
            TimeSpan AgeOf(int column) =>
                reader.IsDBNull(column) ? TimeSpan.Zero : TimeSpan.FromMilliseconds(Math.Max(0, now.ToUnixTimeMilliseconds() - reader.GetInt64(column)));
            return new SqliteQueueState(reader.GetInt64(0), AgeOf(1), reader.GetInt64(2), AgeOf(3));
        });
    }

    /// <summary>The dead letters, oldest first: what an operator inspects (and what the tests check).</summary>
    public Task<IReadOnlyList<DeadLetter>> ListDeadLettersAsync(CancellationToken cancellationToken = default) =>
        _database.RunAsync<IReadOnlyList<DeadLetter>>(async connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT id, body, attempts, reason, dead_at FROM dead_letters ORDER BY dead_at, id";
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var letters = new List<DeadLetter>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                letters.Add(new DeadLetter(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetString(3),
                    DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4))));
            }
            return letters;
        });

    private Task<int> ScalarAsync(string sql, CancellationToken cancellationToken) =>
        _database.RunAsync(async connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
        });

    private Task<(IReadOnlyList<QueuedMessage> Received, DateTimeOffset? NextVisible)> TakeAsync(int max, TimeSpan visibilityTimeout, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        return _database.WriteAsync<(IReadOnlyList<QueuedMessage>, DateTimeOffset?)>(async (connection, transaction) =>
        {
            var received = new List<QueuedMessage>();
            using (var take = connection.CreateCommand())
            {
                take.Transaction = transaction;
                take.CommandText = "UPDATE queue_messages SET visible_at = $until, attempts = attempts + 1, receipt = lower(hex(randomblob(16))) " +
                    "WHERE id IN (SELECT id FROM queue_messages WHERE visible_at <= $now ORDER BY visible_at, id LIMIT $max) " +
                    "RETURNING id, receipt, body, attempts, enqueued_at";
                take.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
                take.Parameters.AddWithValue("$until", (now + visibilityTimeout).ToUnixTimeMilliseconds());
                take.Parameters.AddWithValue("$max", max);
                using var reader = await take.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    received.Add(new QueuedMessage(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3),
                        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4))));
                }
            }
            if (received.Count > 0)
            {
                return (received, null);
            }
            using var next = connection.CreateCommand();
            next.Transaction = transaction;
            next.CommandText = "SELECT MIN(visible_at) FROM queue_messages";
            var due = await next.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            return (received, due is long ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null);
        }, cancellationToken);
    }

    private Task<int> ChangeAsync(QueuedMessage message, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        ArgumentNullException.ThrowIfNull(message);
        return _database.WriteAsync(async (connection, transaction) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            command.Parameters.AddWithValue("$id", message.MessageId);
            command.Parameters.AddWithValue("$receipt", message.Receipt);
            foreach (var (name, value) in parameters)
            {
                command.Parameters.AddWithValue(name, value);
            }
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }
}
