using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using ImageService.Core.Jobs;
using ImageService.Core.Storage;
using static ImageService.Storage.Aws.Jobs.JobItemMapper;

namespace ImageService.Storage.Aws.Jobs;

/// <summary>
/// Jobs in DynamoDB (<see cref="JobsTable"/>). Creating writes the items, then the job (conditional on its absence);
/// completing an item is one conditional UpdateItem on the job (set membership + counter together), then a
/// conditional settle when that was the last item. A crash between the two leaves all items counted and the job
/// unsettled; the item's redelivery finds it so and settles it. Outbox entries (<see cref="JobsTable.OutboxPartition"/>)
/// are written before what they stand for (the job; the settle), since two items cannot change in one write here: an
/// entry without its job, or for a job that did not settle, is what the sweep finds and drops.
/// </summary>
public sealed class DynamoDbJobStore(IAmazonDynamoDB dynamoDb, AwsJobsOptions options) : IJobStore
{
    private const int BatchWriteSize = 25;

    public async Task CreateAsync(Job job, IReadOnlyList<JobItem> items, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count > 0)
        {
            await PutOutboxAsync(job.OwnerId, job.Id, JobOutboxKind.Items, job.CreatedAt, cancellationToken).ConfigureAwait(false);
        }
        else if (job.CallbackUrl is not null && JobStatuses.IsFinal(job.Status))
        {
            await PutOutboxAsync(job.OwnerId, job.Id, JobOutboxKind.Callback, job.FinishedAt ?? job.CreatedAt, cancellationToken).ConfigureAwait(false);
        }
        foreach (var batch in items.Chunk(BatchWriteSize))
        {
            var writes = batch.Select(item =>
            {
                var record = JobsTable.Key(JobsTable.JobKey(job.Id), JobsTable.ItemKey(item.ItemId));
                record["imageId"] = S(item.ImageId);
                if (item.Variant is not null)
                {
                    record["variant"] = S(item.Variant);
                }
                return new WriteRequest(new PutRequest(record));
            }).ToList();
            var pending = new Dictionary<string, List<WriteRequest>> { [options.TableName] = writes };
            while (pending.Count > 0 && pending.Values.Sum(w => w.Count) > 0)
            {
                var response = await Run(() => dynamoDb.BatchWriteItemAsync(pending, cancellationToken), cancellationToken).ConfigureAwait(false);
                pending = response.UnprocessedItems ?? [];
            }
        }
        try
        {
            await Run(() => dynamoDb.PutItemAsync(new PutItemRequest
            {
                TableName = options.TableName,
                Item = ToItem(job),
                ConditionExpression = "attribute_not_exists(pk)",
            }, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        catch (ConditionalCheckFailedException ex)
        {
            throw new ConflictException($"A job with id {job.Id} exists.", ex);
        }
    }

    public async Task<Job?> GetAsync(string ownerId, string jobId, CancellationToken cancellationToken = default) =>
        await GetRawAsync(ownerId, jobId, cancellationToken).ConfigureAwait(false) is { } item ? FromItem(item) : null;

    public async Task<JobPage> ListAsync(string ownerId, int limit, string? after, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var request = new QueryRequest
        {
            TableName = options.TableName,
            KeyConditionExpression = "pk = :pk AND begins_with(sk, :job)",
            ExpressionAttributeValues = new() { [":pk"] = S(JobsTable.OwnerKey(ownerId)), [":job"] = S("JOB#") },
            ScanIndexForward = false,
            Limit = limit,
            ConsistentRead = true,
            ExclusiveStartKey = after is null ? null : JobsTable.Key(JobsTable.OwnerKey(ownerId), JobsTable.JobKey(after)),
        };
        var response = await Run(() => dynamoDb.QueryAsync(request, cancellationToken), cancellationToken).ConfigureAwait(false);
        var jobs = (response.Items ?? []).Select(FromItem).ToList();
        var next = response.LastEvaluatedKey is { Count: > 0 } && jobs.Count == limit ? jobs[^1].Id : null;
        if (next is not null)
        {
            // DynamoDB may report a last key on a full final page; look ahead so the last page says so.
            var more = await Run(() => dynamoDb.QueryAsync(new QueryRequest
            {
                TableName = request.TableName,
                KeyConditionExpression = request.KeyConditionExpression,
                ExpressionAttributeValues = request.ExpressionAttributeValues,
                ScanIndexForward = false,
                Limit = 1,
                ExclusiveStartKey = response.LastEvaluatedKey,
                ProjectionExpression = "pk",
            }, cancellationToken), cancellationToken).ConfigureAwait(false);
            next = more.Items is { Count: > 0 } ? next : null;
        }
        return new JobPage(jobs, next);
    }

    public async Task<JobItem?> GetItemAsync(string ownerId, string jobId, string itemId, CancellationToken cancellationToken = default)
    {
        var job = await GetRawAsync(ownerId, jobId, cancellationToken).ConfigureAwait(false);
        if (job is null)
        {
            return null;
        }
        var response = await Run(() => dynamoDb.GetItemAsync(new GetItemRequest
        {
            TableName = options.TableName,
            Key = JobsTable.Key(JobsTable.JobKey(jobId), JobsTable.ItemKey(itemId)),
            ConsistentRead = true,
        }, cancellationToken), cancellationToken).ConfigureAwait(false);
        if (response.Item is not { Count: > 0 } item)
        {
            return null;
        }
        return new JobItem
        {
            ItemId = itemId,
            ImageId = item["imageId"].S,
            Variant = item.TryGetValue("variant", out var variant) ? variant.S : null,
            State = StateOf(job, itemId),
        };
    }

    public Task MarkRunningAsync(string ownerId, string jobId, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        UpdateIfAsync(ownerId, jobId, "SET #status = :running, startedAt = if_not_exists(startedAt, :now) REMOVE reason", "#status = :queued",
            new() { [":running"] = S("running"), [":queued"] = S("queued"), [":now"] = N(now.ToUnixTimeMilliseconds()) }, cancellationToken);

    public Task MarkWaitingAsync(string ownerId, string jobId, string reason, CancellationToken cancellationToken = default) =>
        UpdateIfAsync(ownerId, jobId, "SET #status = :queued, reason = :reason", "#status IN (:queued, :running)",
            new() { [":running"] = S("running"), [":queued"] = S("queued"), [":reason"] = S(reason) }, cancellationToken);

    public async Task<ItemCompletion> CompleteItemAsync(string ownerId, string jobId, string itemId, JobItemOutcome outcome, DateTimeOffset now,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var item = await GetItemAsync(ownerId, jobId, itemId, cancellationToken).ConfigureAwait(false);
        if (item is null)
        {
            return new ItemCompletion(false, false, await GetAsync(ownerId, jobId, cancellationToken).ConfigureAwait(false));
        }
        var (set, counter) = outcome.Succeeded ? ("doneItems", "done") : ("failedItems", "failed");
        var values = new Dictionary<string, AttributeValue>
        {
            [":item"] = new() { SS = [itemId] },
            [":id"] = S(itemId),
            [":one"] = N(1),
        };
        var assignments = new List<string>();
        if (outcome.ResultImageIds.Count > 0)
        {
            assignments.Add("resultImageIds = list_append(if_not_exists(resultImageIds, :empty), :results)");
            values[":results"] = new AttributeValue { L = [.. outcome.ResultImageIds.Select(S)] };
            values[":empty"] = new AttributeValue { L = [] };
        }
        if (outcome.Error is { } error && (await GetAsync(ownerId, jobId, cancellationToken).ConfigureAwait(false))?.Errors.Count < Job.MaxErrors)
        {
            assignments.Add("errors = list_append(if_not_exists(errors, :empty), :error)");
            var entry = new Dictionary<string, AttributeValue> { ["itemId"] = S(itemId), ["message"] = S(error), ["at"] = N(now.ToUnixTimeMilliseconds()) };
            entry["imageId"] = S(item.ImageId);
            values[":error"] = new AttributeValue { L = [new AttributeValue { M = entry }] };
            values[":empty"] = new AttributeValue { L = [] };
        }
        Dictionary<string, AttributeValue> updated;
        try
        {
            var response = await Run(() => dynamoDb.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = options.TableName,
                Key = JobsTable.Key(JobsTable.OwnerKey(ownerId), JobsTable.JobKey(jobId)),
                UpdateExpression = $"ADD {set} :item, {counter} :one" + (assignments.Count > 0 ? " SET " + string.Join(", ", assignments) : ""),
                ConditionExpression = "attribute_exists(pk) AND NOT contains(doneItems, :id) AND NOT contains(failedItems, :id)",
                ExpressionAttributeValues = values,
                ReturnValues = ReturnValue.ALL_NEW,
            }, cancellationToken), cancellationToken).ConfigureAwait(false);
            updated = response.Attributes;
        }
        catch (ConditionalCheckFailedException)
        {
            // Counted before. If the job was left unsettled (a crash after the count), settle it now.
            var current = await GetRawAsync(ownerId, jobId, cancellationToken).ConfigureAwait(false);
            if (current is null)
            {
                return new ItemCompletion(false, false, null);
            }
            var settledNow = await SettleIfCompleteAsync(ownerId, jobId, FromItem(current), now, cancellationToken).ConfigureAwait(false);
            return new ItemCompletion(false, settledNow, await GetAsync(ownerId, jobId, cancellationToken).ConfigureAwait(false));
        }
        var finished = await SettleIfCompleteAsync(ownerId, jobId, FromItem(updated), now, cancellationToken).ConfigureAwait(false);
        return new ItemCompletion(true, finished, finished ? await GetAsync(ownerId, jobId, cancellationToken).ConfigureAwait(false) : FromItem(updated));
    }

    public async Task<IReadOnlyList<JobItem>> ListItemsAsync(string ownerId, string jobId, CancellationToken cancellationToken = default)
    {
        var job = await GetRawAsync(ownerId, jobId, cancellationToken).ConfigureAwait(false);
        if (job is null)
        {
            return [];
        }
        var items = new List<JobItem>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var response = await Run(() => dynamoDb.QueryAsync(new QueryRequest
            {
                TableName = options.TableName,
                KeyConditionExpression = "pk = :pk AND begins_with(sk, :item)",
                ExpressionAttributeValues = new() { [":pk"] = S(JobsTable.JobKey(jobId)), [":item"] = S("ITEM#") },
                ConsistentRead = true,
                ExclusiveStartKey = start,
            }, cancellationToken), cancellationToken).ConfigureAwait(false);
            foreach (var item in response.Items ?? [])
            {
                var itemId = item[JobsTable.Sk].S["ITEM#".Length..];
                items.Add(new JobItem
                {
                    ItemId = itemId,
                    ImageId = item["imageId"].S,
                    Variant = item.TryGetValue("variant", out var variant) ? variant.S : null,
                    State = StateOf(job, itemId),
                });
            }
            start = response.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (start is not null);
        items.Sort((a, b) => string.CompareOrdinal(a.ItemId, b.ItemId));
        return items;
    }

    public async Task<IReadOnlyList<JobOutboxEntry>> ListOutboxAsync(DateTimeOffset before, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var entries = new List<JobOutboxEntry>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var response = await Run(() => dynamoDb.QueryAsync(new QueryRequest
            {
                TableName = options.TableName,
                KeyConditionExpression = "pk = :pk",
                ExpressionAttributeValues = new() { [":pk"] = S(JobsTable.OutboxPartition) },
                ConsistentRead = true,
                ExclusiveStartKey = start,
            }, cancellationToken), cancellationToken).ConfigureAwait(false);
            foreach (var item in response.Items ?? [])
            {
                var at = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(item["at"].N, System.Globalization.CultureInfo.InvariantCulture));
                if (at < before)
                {
                    var kind = item[JobsTable.Sk].S.StartsWith("ITEMS#", StringComparison.Ordinal) ? JobOutboxKind.Items : JobOutboxKind.Callback;
                    entries.Add(new JobOutboxEntry(item["ownerId"].S, item["jobId"].S, kind, at));
                }
            }
            start = response.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (start is not null);
        return [.. entries.OrderBy(e => e.At).ThenBy(e => e.JobId, StringComparer.Ordinal).ThenBy(e => e.Kind).Take(limit)];
    }

    public async Task ClearOutboxAsync(string ownerId, string jobId, JobOutboxKind kind, CancellationToken cancellationToken = default)
    {
        try
        {
            await Run(() => dynamoDb.DeleteItemAsync(new DeleteItemRequest
            {
                TableName = options.TableName,
                Key = JobsTable.Key(JobsTable.OutboxPartition, JobsTable.OutboxKey(kind, jobId)),
                ConditionExpression = "ownerId = :owner",
                ExpressionAttributeValues = new() { [":owner"] = S(ownerId) },
            }, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        catch (ConditionalCheckFailedException)
        {
            // Absent (cleared already), or another owner's job id: nothing of this owner's to clear.
        }
    }

    public async Task<CancelResult> CancelAsync(string ownerId, string jobId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        if (await UpdateIfAsync(ownerId, jobId, "SET #status = :canceled, finishedAt = :now REMOVE reason", "#status IN (:queued, :running)",
                new() { [":canceled"] = S("canceled"), [":queued"] = S("queued"), [":running"] = S("running"), [":now"] = N(now.ToUnixTimeMilliseconds()) },
                cancellationToken).ConfigureAwait(false))
        {
            return CancelResult.Canceled;
        }
        return await GetRawAsync(ownerId, jobId, cancellationToken).ConfigureAwait(false) is null ? CancelResult.NotFound : CancelResult.AlreadyFinished;
    }

    private async Task<bool> SettleIfCompleteAsync(string ownerId, string jobId, Job job, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (job.Done + job.Failed < job.Total || JobStatuses.IsFinal(job.Status))
        {
            return false;
        }
        if (job.CallbackUrl is not null)
        {
            // Before the settle (no two-item write here): an entry whose job did not settle is dropped by the sweep.
            await PutOutboxAsync(ownerId, jobId, JobOutboxKind.Callback, now, cancellationToken).ConfigureAwait(false);
        }
        return await UpdateIfAsync(ownerId, jobId, "SET #status = :final, finishedAt = :now REMOVE reason", "#status IN (:queued, :running)",
            new()
            {
                [":final"] = S(JobStatuses.ToWire(JobStatuses.Settled(job.Failed))),
                [":queued"] = S("queued"),
                [":running"] = S("running"),
                [":now"] = N(now.ToUnixTimeMilliseconds()),
            }, cancellationToken).ConfigureAwait(false);
    }

    private async Task PutOutboxAsync(string ownerId, string jobId, JobOutboxKind kind, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var entry = JobsTable.Key(JobsTable.OutboxPartition, JobsTable.OutboxKey(kind, jobId));
        entry["ownerId"] = S(ownerId);
        entry["jobId"] = S(jobId);
        entry["at"] = N(at.ToUnixTimeMilliseconds());
        await Run(() => dynamoDb.PutItemAsync(new PutItemRequest { TableName = options.TableName, Item = entry }, cancellationToken), cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>A conditional update of the owner's job; false when the job is absent or the condition does not hold.</summary>
    private async Task<bool> UpdateIfAsync(string ownerId, string jobId, string update, string condition, Dictionary<string, AttributeValue> values,
        CancellationToken cancellationToken)
    {
        try
        {
            await Run(() => dynamoDb.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = options.TableName,
                Key = JobsTable.Key(JobsTable.OwnerKey(ownerId), JobsTable.JobKey(jobId)),
                UpdateExpression = update,
                ConditionExpression = "attribute_exists(pk) AND " + condition,
                ExpressionAttributeNames = new() { ["#status"] = "status" },
                ExpressionAttributeValues = values,
            }, cancellationToken), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    private async Task<Dictionary<string, AttributeValue>?> GetRawAsync(string ownerId, string jobId, CancellationToken cancellationToken)
    {
        var response = await Run(() => dynamoDb.GetItemAsync(new GetItemRequest
        {
            TableName = options.TableName,
            Key = JobsTable.Key(JobsTable.OwnerKey(ownerId), JobsTable.JobKey(jobId)),
            ConsistentRead = true,
        }, cancellationToken), cancellationToken).ConfigureAwait(false);
        return response.Item is { Count: > 0 } item ? item : null;
    }

    private static async Task<T> Run<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception ex) when (AwsFailures.IsUnavailable(ex, cancellationToken))
        {
            throw AwsFailures.Unavailable("DynamoDB", ex);
        }
    }
}
