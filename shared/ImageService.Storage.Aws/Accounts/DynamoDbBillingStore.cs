using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using ImageService.Core.Billing;
using static ImageService.Storage.Aws.Accounts.AccountItemMapper;

namespace ImageService.Storage.Aws.Accounts;

/// <summary>
/// Billing items of the accounts table (<see cref="AccountsTable"/>):
/// <list type="bullet">
/// <item>events: <c>BILLINGEVENT#{id}</c> / <c>EVENT</c>, put with <c>attribute_not_exists</c> (a redelivery changes
/// nothing); an unapplied one also has a marker <c>BILLINGEVENTS</c> / <c>UNAPPLIED#{id}</c>, written first and deleted
/// once applied, so a crash between the two writes leaves the event findable.</item>
/// <item>meter reports: <c>ACCOUNT#{id}</c> / <c>METER#{month}#{meter}#{hour}</c> (one Query lists a month), put with
/// <c>attribute_not_exists</c>; unsent ones have a marker <c>METERREPORTS</c> / <c>UNSENT#{account}#{meter}#{hour}#{month}</c>.</item>
/// <item>customers: <c>BILLINGCUSTOMERS</c> / <c>ACCOUNT#{id}</c>, written by the account store when an account gains a
/// Stripe customer: the reporter's list without a table scan.</item>
/// </list>
/// </summary>
public sealed class DynamoDbBillingStore(IAmazonDynamoDB dynamoDb, DynamoDbAccountsOptions options) : IBillingStore
{
    private const string EventSk = "EVENT";
    private const string EventsPk = "BILLINGEVENTS";
    private const string UnappliedPrefix = "UNAPPLIED#";
    private const string ReportsPk = "METERREPORTS";
    private const string UnsentPrefix = "UNSENT#";
    private const string AbsentCondition = "attribute_not_exists(#pk)";

    private readonly string _table = options.TableName;

    public async Task<bool> RecordEventAsync(BillingEvent billingEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(billingEvent);
        await PutAsync(AccountsTable.Key(EventsPk, UnappliedPrefix + billingEvent.Id), cancellationToken);
        var item = AccountsTable.Key(EventPk(billingEvent.Id), EventSk);
        item["EventId"] = S(billingEvent.Id);
        item["Type"] = S(billingEvent.Type);
        item["Created"] = Time(billingEvent.Created);
        item["Payload"] = S(billingEvent.Payload);
        item["ReceivedAt"] = Time(billingEvent.ReceivedAt);
        item["Attempts"] = N(0);
        Optional(item, "SubscriptionId", billingEvent.SubscriptionId);
        Optional(item, "AccountId", billingEvent.AccountId);
        Optional(item, "CustomerId", billingEvent.CustomerId);
        return await PutIfAbsentAsync(item, cancellationToken);
    }

    public async Task<BillingEvent?> GetEventAsync(string eventId, CancellationToken cancellationToken = default)
    {
        var item = await GetAsync(EventPk(eventId), EventSk, cancellationToken);
        return item is null ? null : ToEvent(item);
    }

    public async Task<IReadOnlyList<BillingEvent>> ListUnappliedEventsAsync(int limit, CancellationToken cancellationToken = default)
    {
        var events = new List<BillingEvent>();
        foreach (var marker in await QueryAsync(EventsPk, UnappliedPrefix, limit, cancellationToken))
        {
            var id = marker[AccountsTable.Sk].S[UnappliedPrefix.Length..];
            switch (await GetEventAsync(id, cancellationToken))
            {
                case { AppliedAt: null } pending:
                    events.Add(pending);
                    break;
                case not null:
                    // Applied, but the marker's delete was lost: finish it.
                    await DeleteAsync(EventsPk, UnappliedPrefix + id, cancellationToken);
                    break;
            }
        }
        return [.. events.OrderBy(e => e.ReceivedAt).ThenBy(e => e.Id, StringComparer.Ordinal)];
    }

    public async Task MarkEventAsync(string eventId, DateTimeOffset? appliedAt, CancellationToken cancellationToken = default)
    {
        var request = new UpdateItemRequest
        {
            TableName = _table,
            Key = AccountsTable.Key(EventPk(eventId), EventSk),
            UpdateExpression = appliedAt is null ? "ADD #attempts :one" : "ADD #attempts :one SET #applied = if_not_exists(#applied, :applied)",
            ConditionExpression = "attribute_exists(#pk)",
            ExpressionAttributeNames = appliedAt is null
                ? new() { ["#attempts"] = "Attempts", ["#pk"] = AccountsTable.Pk }
                : new() { ["#attempts"] = "Attempts", ["#applied"] = "AppliedAt", ["#pk"] = AccountsTable.Pk },
            ExpressionAttributeValues = appliedAt is { } at
                ? new() { [":one"] = N(1), [":applied"] = Time(at) }
                : new() { [":one"] = N(1) },
        };
        try
        {
            await DynamoDbGuard.Run(() => dynamoDb.UpdateItemAsync(request, cancellationToken), cancellationToken);
        }
        catch (ConditionalCheckFailedException)
        {
            return; // no such event: nothing to mark
        }
        if (appliedAt is not null)
        {
            await DeleteAsync(EventsPk, UnappliedPrefix + eventId, cancellationToken);
        }
    }

    public async Task<MeterReport> AddReportAsync(MeterReport report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        var marker = AccountsTable.Key(ReportsPk, UnsentSk(report));
        marker["ReportPk"] = S(AccountsTable.AccountPk(report.AccountId));
        marker["ReportSk"] = S(ReportSk(report));
        await PutAsync(marker, cancellationToken);
        var item = AccountsTable.Key(AccountsTable.AccountPk(report.AccountId), ReportSk(report));
        item["AccountId"] = S(report.AccountId);
        item["Meter"] = S(report.Meter.ToString());
        item["Hour"] = S(report.Hour);
        item["Month"] = S(report.Month);
        item["CustomerId"] = S(report.CustomerId);
        item["Quantity"] = N(report.Quantity);
        item["CreatedAt"] = Time(report.CreatedAt);
        item["Attempts"] = N(0);
        await PutIfAbsentAsync(item, cancellationToken);
        // The stored item wins: a report made earlier for this hour keeps its quantity.
        var stored = await GetAsync(item[AccountsTable.Pk].S, item[AccountsTable.Sk].S, cancellationToken)
            ?? throw new InvalidOperationException($"Meter report {report.Identifier} vanished after its put.");
        return ToReport(stored);
    }

    public async Task MarkReportAsync(MeterReport report, DateTimeOffset? reportedAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        var request = new UpdateItemRequest
        {
            TableName = _table,
            Key = AccountsTable.Key(AccountsTable.AccountPk(report.AccountId), ReportSk(report)),
            UpdateExpression = reportedAt is null ? "ADD #attempts :one" : "ADD #attempts :one SET #reported = if_not_exists(#reported, :reported)",
            ExpressionAttributeNames = reportedAt is null
                ? new() { ["#attempts"] = "Attempts" }
                : new() { ["#attempts"] = "Attempts", ["#reported"] = "ReportedAt" },
            ExpressionAttributeValues = reportedAt is { } at
                ? new() { [":one"] = N(1), [":reported"] = Time(at) }
                : new() { [":one"] = N(1) },
        };
        await DynamoDbGuard.Run(() => dynamoDb.UpdateItemAsync(request, cancellationToken), cancellationToken);
        if (reportedAt is not null)
        {
            await DeleteAsync(ReportsPk, UnsentSk(report), cancellationToken);
        }
    }

    public async Task<IReadOnlyList<MeterReport>> ListReportsAsync(string accountId, string month, CancellationToken cancellationToken = default) =>
        [.. (await QueryAsync(AccountsTable.AccountPk(accountId), $"METER#{month}#", int.MaxValue, cancellationToken)).Select(ToReport)
            .OrderBy(r => r.CreatedAt).ThenBy(r => r.Hour, StringComparer.Ordinal)];

    public async Task<IReadOnlyList<MeterReport>> ListUnsentReportsAsync(int limit, CancellationToken cancellationToken = default)
    {
        var reports = new List<MeterReport>();
        foreach (var marker in await QueryAsync(ReportsPk, UnsentPrefix, limit, cancellationToken))
        {
            var item = await GetAsync(Str(marker, "ReportPk"), Str(marker, "ReportSk"), cancellationToken);
            if (item is null)
            {
                continue; // the marker was written and the report's put never happened: it will be made again
            }
            var report = ToReport(item);
            if (report.ReportedAt is null)
            {
                reports.Add(report);
            }
            else
            {
                await DeleteAsync(ReportsPk, marker[AccountsTable.Sk].S, cancellationToken);
            }
        }
        return [.. reports.OrderBy(r => r.CreatedAt).ThenBy(r => r.Hour, StringComparer.Ordinal)];
    }

    public async Task<IReadOnlyList<string>> ListCustomerAccountIdsAsync(CancellationToken cancellationToken = default) =>
        [.. (await QueryAsync(AccountsTable.BillingCustomersPk, "ACCOUNT#", int.MaxValue, cancellationToken))
            .Select(item => item[AccountsTable.Sk].S["ACCOUNT#".Length..])];

    private static string EventPk(string eventId) => "BILLINGEVENT#" + eventId;

    private static string ReportSk(MeterReport report) => $"METER#{report.Month}#{report.Meter}#{report.Hour}";

    private static string UnsentSk(MeterReport report) => $"{UnsentPrefix}{report.AccountId}#{report.Meter}#{report.Hour}#{report.Month}";

    private static void Optional(Dictionary<string, AttributeValue> item, string name, string? value)
    {
        if (value is not null)
        {
            item[name] = S(value);
        }
    }

    private static BillingEvent ToEvent(IReadOnlyDictionary<string, AttributeValue> item) => new()
    {
        Id = Str(item, "EventId"),
        Type = Str(item, "Type"),
        Created = ParseTime(Str(item, "Created")),
        SubscriptionId = OptionalStr(item, "SubscriptionId"),
        AccountId = OptionalStr(item, "AccountId"),
        CustomerId = OptionalStr(item, "CustomerId"),
        Payload = Str(item, "Payload"),
        ReceivedAt = ParseTime(Str(item, "ReceivedAt")),
        AppliedAt = OptionalStr(item, "AppliedAt") is { } applied ? ParseTime(applied) : null,
        Attempts = (int)Long(item, "Attempts"),
    };

    private static MeterReport ToReport(IReadOnlyDictionary<string, AttributeValue> item) => new()
    {
        AccountId = Str(item, "AccountId"),
        Meter = Enum.Parse<BillingMeter>(Str(item, "Meter")),
        Hour = Str(item, "Hour"),
        Month = Str(item, "Month"),
        CustomerId = Str(item, "CustomerId"),
        Quantity = Long(item, "Quantity"),
        CreatedAt = ParseTime(Str(item, "CreatedAt")),
        ReportedAt = OptionalStr(item, "ReportedAt") is { } reported ? ParseTime(reported) : null,
        Attempts = (int)Long(item, "Attempts"),
    };

    private async Task PutAsync(Dictionary<string, AttributeValue> item, CancellationToken cancellationToken) =>
        await DynamoDbGuard.Run(() => dynamoDb.PutItemAsync(new PutItemRequest { TableName = _table, Item = item }, cancellationToken), cancellationToken);

    private async Task<bool> PutIfAbsentAsync(Dictionary<string, AttributeValue> item, CancellationToken cancellationToken)
    {
        var request = new PutItemRequest
        {
            TableName = _table,
            Item = item,
            ConditionExpression = AbsentCondition,
            ExpressionAttributeNames = new() { ["#pk"] = AccountsTable.Pk },
        };
        try
        {
            await DynamoDbGuard.Run(() => dynamoDb.PutItemAsync(request, cancellationToken), cancellationToken);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    private async Task<Dictionary<string, AttributeValue>?> GetAsync(string pk, string sk, CancellationToken cancellationToken)
    {
        var request = new GetItemRequest { TableName = _table, Key = AccountsTable.Key(pk, sk), ConsistentRead = true };
        var response = await DynamoDbGuard.Run(() => dynamoDb.GetItemAsync(request, cancellationToken), cancellationToken);
        return response.Item is { Count: > 0 } item ? item : null;
    }

    private async Task DeleteAsync(string pk, string sk, CancellationToken cancellationToken) =>
        await DynamoDbGuard.Run(() => dynamoDb.DeleteItemAsync(new DeleteItemRequest { TableName = _table, Key = AccountsTable.Key(pk, sk) }, cancellationToken),
            cancellationToken);

    private async Task<List<Dictionary<string, AttributeValue>>> QueryAsync(string pk, string skPrefix, int limit, CancellationToken cancellationToken)
    {
        var items = new List<Dictionary<string, AttributeValue>>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var request = new QueryRequest
            {
                TableName = _table,
                KeyConditionExpression = "#pk = :pk AND begins_with(#sk, :prefix)",
                ExpressionAttributeNames = new() { ["#pk"] = AccountsTable.Pk, ["#sk"] = AccountsTable.Sk },
                ExpressionAttributeValues = new() { [":pk"] = S(pk), [":prefix"] = S(skPrefix) },
                ConsistentRead = true,
                ExclusiveStartKey = start,
            };
            var response = await DynamoDbGuard.Run(() => dynamoDb.QueryAsync(request, cancellationToken), cancellationToken);
            items.AddRange(response.Items ?? []);
            start = response.LastEvaluatedKey is { Count: > 0 } next && items.Count < limit ? next : null;
        }
        while (start is not null);
        return items.Count > limit ? items[..limit] : items;
    }

}
