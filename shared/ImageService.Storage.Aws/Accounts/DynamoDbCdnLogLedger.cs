using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using ImageService.Core.CdnLogs;
using static ImageService.Storage.Aws.Accounts.AccountItemMapper;

namespace ImageService.Storage.Aws.Accounts;

/// <summary>
/// Exactly-once edge usage on DynamoDB without TransactWriteItems (the dynalite emulator lacks them), in three steps:
/// <list type="number">
/// <item><b>Claim</b> the object: <c>CDNLOG#{id}</c> / <c>CDNLOG</c> is put with <c>Status = applying</c>, a token and a
/// lease, under <c>attribute_not_exists</c> (or over an <c>applying</c> claim whose lease ran out: its holder died).
/// A claim that is <c>applied</c> answers <see cref="CdnLogApplyOutcome.AlreadyApplied"/>; one with a live lease
/// <see cref="CdnLogApplyOutcome.InProgress"/>.</item>
/// <item><b>Add</b> to each account-month usage item (<c>ACCOUNT#{id}</c> / <c>USAGE#{month}</c>) with one
/// <c>ADD EdgeRequests, EdgeBytes, EdgeLogs</c> conditioned on <c>EdgeLogs</c> not holding the object's id: the counters
/// and the mark that they hold this object change in one atomic item write, so a holder that takes over after a crash
/// skips the items already counted and adds the rest.</item>
/// <item><b>Finish</b>: the claim becomes <c>applied</c> (conditioned on the token), then the id is removed from the
/// items' <c>EdgeLogs</c> so the sets stay small (a crash before that leaves the id behind, harmless; replays remove it).</item>
/// </list>
/// The lease (<see cref="DefaultLease"/>) must outlast the ingest function's timeout (60 s in the stack), so a holder
/// whose lease ran out is dead and cannot add after its successor's cleanup.
/// </summary>
public sealed class DynamoDbCdnLogLedger(IAmazonDynamoDB dynamoDb, DynamoDbAccountsOptions options, TimeProvider? time = null, TimeSpan? lease = null)
    : ICdnLogLedger
{
    public static readonly TimeSpan DefaultLease = TimeSpan.FromMinutes(2);

    private const string LogSk = "CDNLOG";
    private const string Applying = "applying";
    private const string Applied = "applied";

    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly TimeSpan _lease = lease ?? DefaultLease;

    public static string LogPk(string id) => "CDNLOG#" + id;

    public async Task<CdnLogApplyOutcome> ApplyAsync(CdnLogObject logObject, IReadOnlyList<EdgeUsageDelta> deltas, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(logObject);
        ArgumentNullException.ThrowIfNull(deltas);
        if (deltas.Any(d => d.Requests < 0 || d.Bytes < 0))
        {
            throw new ArgumentOutOfRangeException(nameof(deltas), "Usage only grows.");
        }

        var token = Guid.NewGuid().ToString("N");
        if (!await ClaimAsync(logObject, token, cancellationToken))
        {
            var claim = await DynamoDbGuard.Run(() => dynamoDb.GetItemAsync(new GetItemRequest
            {
                TableName = options.TableName,
                Key = AccountsTable.Key(LogPk(logObject.Id), LogSk),
                ConsistentRead = true,
            }, cancellationToken), cancellationToken);
            if (claim.Item is { Count: > 0 } item && OptionalStr(item, "Status") == Applied)
            {
                await ForgetAsync(logObject, deltas, cancellationToken);
                return CdnLogApplyOutcome.AlreadyApplied;
            }
            return CdnLogApplyOutcome.InProgress;
        }

        foreach (var delta in deltas)
        {
            await AddOnceAsync(logObject, delta, cancellationToken);
        }
        await FinishAsync(logObject, token, deltas, cancellationToken);
        await ForgetAsync(logObject, deltas, cancellationToken);
        return CdnLogApplyOutcome.Applied;
    }

    private Task<bool> ClaimAsync(CdnLogObject logObject, string token, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var item = AccountsTable.Key(LogPk(logObject.Id), LogSk);
        item["Status"] = S(Applying);
        item["Token"] = S(token);
        item["LeaseUntil"] = N(now.Add(_lease).ToUnixTimeMilliseconds());
        item["Source"] = S(logObject.Source);
        if (logObject.ETag is { } etag)
        {
            item["ETag"] = S(etag);
        }
        const string condition = "attribute_not_exists(#pk) OR (#status = :applying AND #lease < :now)";
        return ConditionalWrites.PutAsync(dynamoDb, options.TableName, item, condition,
            new Dictionary<string, string>(StringComparer.Ordinal) { ["#pk"] = AccountsTable.Pk, ["#status"] = "Status", ["#lease"] = "LeaseUntil" },
            new Dictionary<string, AttributeValue>(StringComparer.Ordinal) { [":applying"] = S(Applying), [":now"] = N(now.ToUnixTimeMilliseconds()) },
            cancellationToken);
    }

    /// <summary>Adds one account-month's share unless that usage item already holds this object's id.</summary>
    private async Task AddOnceAsync(CdnLogObject logObject, EdgeUsageDelta delta, CancellationToken cancellationToken)
    {
        try
        {
            await DynamoDbGuard.Run(() => dynamoDb.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = options.TableName,
                Key = AccountsTable.Key(AccountsTable.AccountPk(delta.AccountId), AccountsTable.UsageSk(delta.Month)),
                UpdateExpression = "ADD #requests :requests, #bytes :bytes, #logs :logs",
                ConditionExpression = "attribute_not_exists(#logs) OR NOT contains(#logs, :id)",
                ExpressionAttributeNames = new(StringComparer.Ordinal)
                {
                    ["#requests"] = DynamoDbUsageStore.EdgeRequests, ["#bytes"] = DynamoDbUsageStore.EdgeBytes, ["#logs"] = DynamoDbUsageStore.EdgeLogs,
                },
                ExpressionAttributeValues = new(StringComparer.Ordinal)
                {
                    [":requests"] = N(delta.Requests), [":bytes"] = N(delta.Bytes),
                    [":logs"] = new AttributeValue { SS = [logObject.Id] }, [":id"] = S(logObject.Id),
                },
            }, cancellationToken), cancellationToken);
        }
        catch (ConditionalCheckFailedException)
        {
            // Counted by an earlier holder of this object that crashed before finishing.
        }
    }

    private async Task FinishAsync(CdnLogObject logObject, string token, IReadOnlyList<EdgeUsageDelta> deltas, CancellationToken cancellationToken)
    {
        try
        {
            await DynamoDbGuard.Run(() => dynamoDb.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = options.TableName,
                Key = AccountsTable.Key(LogPk(logObject.Id), LogSk),
                UpdateExpression = "SET #status = :applied, AppliedAt = :at, Requests = :requests, #bytes = :bytes REMOVE LeaseUntil",
                ConditionExpression = "#token = :token",
                ExpressionAttributeNames = new(StringComparer.Ordinal) { ["#status"] = "Status", ["#token"] = "Token", ["#bytes"] = "Bytes" },
                ExpressionAttributeValues = new(StringComparer.Ordinal)
                {
                    [":applied"] = S(Applied), [":at"] = Time(_time.GetUtcNow()), [":token"] = S(token),
                    [":requests"] = N(deltas.Sum(d => d.Requests)), [":bytes"] = N(deltas.Sum(d => d.Bytes)),
                },
            }, cancellationToken), cancellationToken);
        }
        catch (ConditionalCheckFailedException)
        {
            // Our lease ran out and another worker took the object over: every item this call added is marked, so the
            // successor skips it; the successor finishes the claim.
        }
    }

    /// <summary>Removes the object's id from the usage items' <c>EdgeLogs</c> once the claim says applied.</summary>
    private async Task ForgetAsync(CdnLogObject logObject, IReadOnlyList<EdgeUsageDelta> deltas, CancellationToken cancellationToken)
    {
        foreach (var delta in deltas)
        {
            await DynamoDbGuard.Run(() => dynamoDb.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = options.TableName,
                Key = AccountsTable.Key(AccountsTable.AccountPk(delta.AccountId), AccountsTable.UsageSk(delta.Month)),
                UpdateExpression = "DELETE #logs :logs",
                ExpressionAttributeNames = new(StringComparer.Ordinal) { ["#logs"] = DynamoDbUsageStore.EdgeLogs },
                ExpressionAttributeValues = new(StringComparer.Ordinal) { [":logs"] = new AttributeValue { SS = [logObject.Id] } },
            }, cancellationToken), cancellationToken);
        }
    }
}
