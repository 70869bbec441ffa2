using ImageService.Core.CdnLogs;
using ImageService.Core.Usage;

namespace ImageService.Storage.Tests.Accounts;

/// <summary>The ledger of CDN log objects on both backends: a log object's edge usage counts exactly once.</summary>
public abstract class CdnLogLedgerContract
{
    protected abstract ICdnLogLedger Ledger { get; }

    protected abstract IUsageStore Usage { get; }

    protected static CdnLogObject NewObject() =>
        new(Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()) + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()),
            "s3://logs/cdn/E2Q.2026-11-30-10.abcd.gz", "\"9b2cf535f27731c974343645a3985328\"");

    [Fact]
    public async Task Applying_adds_edge_counters_beside_the_origin_counters()
    {
        var account = "acct-" + Guid.NewGuid();
        await Usage.AddAsync(account, "2026-11", new UsageDelta(3, 1, 300, 2));

        var outcome = await Ledger.ApplyAsync(NewObject(),
            [new EdgeUsageDelta(account, "2026-11", 40, 9_000), new EdgeUsageDelta(account, "2026-12", 2, 80)]);

        Assert.Equal(CdnLogApplyOutcome.Applied, outcome);
        var november = await Usage.GetAsync(account, "2026-11");
        Assert.Equal(new UsageCounters(account, "2026-11", 3, 1, 300, 2) { Edge = new EdgeUsage(40, 9_000) }, november);
        Assert.Equal(9_000, november.BillableBandwidthBytes);
        var december = await Usage.GetAsync(account, "2026-12");
        Assert.Equal(new EdgeUsage(2, 80), december.Edge);
        Assert.Equal(0, december.Requests);
    }

    [Fact]
    public async Task A_month_without_logs_has_no_edge_data()
    {
        var account = "acct-" + Guid.NewGuid();
        await Usage.AddAsync(account, "2026-11", new UsageDelta(1, 0, 10, 1));

        var counters = await Usage.GetAsync(account, "2026-11");

        Assert.Null(counters.Edge);
        Assert.Equal(10, counters.BillableBandwidthBytes);
        Assert.Null((await Usage.GetAsync("acct-" + Guid.NewGuid(), "2026-11")).Edge);
    }

    [Fact]
    public async Task Replaying_an_object_adds_nothing()
    {
        var account = "acct-" + Guid.NewGuid();
        var logObject = NewObject();
        EdgeUsageDelta[] deltas = [new(account, "2026-11", 5, 500)];

        Assert.Equal(CdnLogApplyOutcome.Applied, await Ledger.ApplyAsync(logObject, deltas));
        Assert.Equal(CdnLogApplyOutcome.AlreadyApplied, await Ledger.ApplyAsync(logObject, deltas));
        Assert.Equal(CdnLogApplyOutcome.AlreadyApplied, await Ledger.ApplyAsync(logObject with { Source = "/backfill/copy.gz", ETag = null }, deltas));

        Assert.Equal(new EdgeUsage(5, 500), (await Usage.GetAsync(account, "2026-11")).Edge);
    }

    [Fact]
    public async Task Concurrent_deliveries_of_one_object_count_it_once()
    {
        var account = "acct-" + Guid.NewGuid();
        var logObject = NewObject();
        EdgeUsageDelta[] deltas = [new(account, "2026-11", 7, 700), new(account, "2026-10", 1, 1)];

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => Ledger.ApplyAsync(logObject, deltas))));

        Assert.Single(outcomes, o => o == CdnLogApplyOutcome.Applied);
        Assert.Equal(new EdgeUsage(7, 700), (await Usage.GetAsync(account, "2026-11")).Edge);
        Assert.Equal(new EdgeUsage(1, 1), (await Usage.GetAsync(account, "2026-10")).Edge);
    }

    [Fact]
    public async Task Different_objects_add_up()
    {
        var account = "acct-" + Guid.NewGuid();

        await Ledger.ApplyAsync(NewObject(), [new(account, "2026-11", 5, 500)]);
        await Ledger.ApplyAsync(NewObject(), [new(account, "2026-11", 6, 600)]);
        await Ledger.ApplyAsync(NewObject(), []);

        Assert.Equal(new EdgeUsage(11, 1_100), (await Usage.GetAsync(account, "2026-11")).Edge);
    }
}
