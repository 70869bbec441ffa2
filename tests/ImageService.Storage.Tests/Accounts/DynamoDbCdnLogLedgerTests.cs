using Amazon.DynamoDBv2.Model;
using ImageService.Core.CdnLogs;
using ImageService.Core.Usage;
using ImageService.Storage.Aws.Accounts;
using ImageService.Storage.Tests.Aws;

namespace ImageService.Storage.Tests.Accounts;

[Collection(AwsEndpointsDefinition.Name)]
public sealed class DynamoDbCdnLogLedgerTests(AwsEmulatorFixture fixture) : CdnLogLedgerContract, IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);
    private readonly FixedTimeProvider _time = new(Now);

    protected override ICdnLogLedger Ledger => new DynamoDbCdnLogLedger(fixture.Backend.DynamoDb, DynamoDbAccountsTable.OptionsFor(fixture), _time);

    protected override IUsageStore Usage => new DynamoDbUsageStore(fixture.Backend.DynamoDb, DynamoDbAccountsTable.OptionsFor(fixture));

    public Task InitializeAsync() => DynamoDbAccountsTable.EnsureAsync(fixture);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_worker_that_crashed_midway_is_taken_over_after_its_lease_and_nothing_counts_twice()
    {
        var account = "acct-" + Guid.NewGuid();
        var logObject = NewObject();
        EdgeUsageDelta[] deltas = [new(account, "2026-10", 1, 10), new(account, "2026-11", 5, 500)];
        // What a worker leaves when it dies after claiming and adding the first month: a claim with its lease and
        // October's counters marked with the object's id.
        await ClaimAsApplyingAsync(logObject, leaseUntil: Now.AddSeconds(30));
        await fixture.Backend.DynamoDb.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = fixture.Backend.AccountsTableName,
            Key = Key("ACCOUNT#" + account, "USAGE#2026-10"),
            UpdateExpression = "ADD EdgeRequests :r, EdgeBytes :b, EdgeLogs :logs",
            ExpressionAttributeValues = new()
            {
                [":r"] = new AttributeValue { N = "1" }, [":b"] = new AttributeValue { N = "10" },
                [":logs"] = new AttributeValue { SS = [logObject.Id] },
            },
        });

        Assert.Equal(CdnLogApplyOutcome.InProgress, await Ledger.ApplyAsync(logObject, deltas));
        Assert.Null((await Usage.GetAsync(account, "2026-11")).Edge);

        _time.Now = Now.AddSeconds(31);
        Assert.Equal(CdnLogApplyOutcome.Applied, await Ledger.ApplyAsync(logObject, deltas));
        Assert.Equal(CdnLogApplyOutcome.AlreadyApplied, await Ledger.ApplyAsync(logObject, deltas));

        Assert.Equal(new EdgeUsage(1, 10), (await Usage.GetAsync(account, "2026-10")).Edge);
        Assert.Equal(new EdgeUsage(5, 500), (await Usage.GetAsync(account, "2026-11")).Edge);
    }

    [Fact]
    public async Task Finished_objects_leave_no_ids_on_the_usage_items_and_the_claim_records_the_object()
    {
        var account = "acct-" + Guid.NewGuid();
        var logObject = NewObject();

        await Ledger.ApplyAsync(logObject, [new(account, "2026-11", 3, 30)]);

        var usage = await GetAsync("ACCOUNT#" + account, "USAGE#2026-11");
        Assert.False(usage.ContainsKey("EdgeLogs"));
        var claim = await GetAsync("CDNLOG#" + logObject.Id, "CDNLOG");
        Assert.Equal("applied", claim["Status"].S);
        Assert.Equal(logObject.Source, claim["Source"].S);
        Assert.Equal(logObject.ETag, claim["ETag"].S);
        Assert.Equal("3", claim["Requests"].N);
        Assert.False(claim.ContainsKey("LeaseUntil"));
    }

    [Fact]
    public async Task A_replay_removes_an_id_a_crash_left_after_finishing()
    {
        var account = "acct-" + Guid.NewGuid();
        var logObject = NewObject();
        await Ledger.ApplyAsync(logObject, [new(account, "2026-11", 3, 30)]);
        await fixture.Backend.DynamoDb.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = fixture.Backend.AccountsTableName,
            Key = Key("ACCOUNT#" + account, "USAGE#2026-11"),
            UpdateExpression = "ADD EdgeLogs :logs",
            ExpressionAttributeValues = new() { [":logs"] = new AttributeValue { SS = [logObject.Id] } },
        });

        Assert.Equal(CdnLogApplyOutcome.AlreadyApplied, await Ledger.ApplyAsync(logObject, [new(account, "2026-11", 3, 30)]));

        Assert.False((await GetAsync("ACCOUNT#" + account, "USAGE#2026-11")).ContainsKey("EdgeLogs"));
        Assert.Equal(new EdgeUsage(3, 30), (await Usage.GetAsync(account, "2026-11")).Edge);
    }

    private async Task ClaimAsApplyingAsync(CdnLogObject logObject, DateTimeOffset leaseUntil)
    {
        var item = Key("CDNLOG#" + logObject.Id, "CDNLOG");
        item["Status"] = new AttributeValue { S = "applying" };
        item["Token"] = new AttributeValue { S = "crashed-worker" };
        item["LeaseUntil"] = new AttributeValue { N = leaseUntil.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture) };
        item["Source"] = new AttributeValue { S = logObject.Source };
        await fixture.Backend.DynamoDb.PutItemAsync(new PutItemRequest { TableName = fixture.Backend.AccountsTableName, Item = item });
    }

    private async Task<Dictionary<string, AttributeValue>> GetAsync(string pk, string sk) =>
        (await fixture.Backend.DynamoDb.GetItemAsync(new GetItemRequest
        {
            TableName = fixture.Backend.AccountsTableName, Key = Key(pk, sk), ConsistentRead = true,
        })).Item;

    private static Dictionary<string, AttributeValue> Key(string pk, string sk) => new()
    {
        ["PK"] = new AttributeValue { S = pk },
        ["SK"] = new AttributeValue { S = sk },
    };
}
