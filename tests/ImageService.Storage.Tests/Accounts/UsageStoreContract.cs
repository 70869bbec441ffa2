using ImageService.Core.Usage;

namespace ImageService.Storage.Tests.Accounts;

public abstract class UsageStoreContract
{
    protected abstract IUsageStore Store { get; }

    [Fact]
    public async Task A_month_without_usage_reads_as_zeros()
    {
        var counters = await Store.GetAsync("acct-" + Guid.NewGuid(), "2026-11");

        Assert.Equal(0, counters.Requests + counters.Transformations + counters.BytesServed + counters.CacheHits);
    }

    [Fact]
    public async Task Counters_are_exact_after_200_concurrent_increments()
    {
        var account = "acct-" + Guid.NewGuid();

        await Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
            Task.Run(() => Store.AddAsync(account, "2026-11", UsageDelta.ForDelivery(1_000 + i, rendered: i % 4 == 0)))));

        var counters = await Store.GetAsync(account, "2026-11");
        Assert.Equal(200, counters.Requests);
        Assert.Equal(50, counters.Transformations);
        Assert.Equal(150, counters.CacheHits);
        Assert.Equal(Enumerable.Range(0, 200).Sum(i => 1_000L + i), counters.BytesServed);
    }

    [Fact]
    public async Task Months_and_accounts_are_counted_apart()
    {
        var account = "acct-" + Guid.NewGuid();
        var other = "acct-" + Guid.NewGuid();

        await Store.AddAsync(account, "2026-11", new UsageDelta(1, 1, 10, 0));
        await Store.AddAsync(account, "2026-12", new UsageDelta(2, 0, 20, 2));
        await Store.AddAsync(other, "2026-11", new UsageDelta(5, 5, 50, 0));

        Assert.Equal(new UsageCounters(account, "2026-11", 1, 1, 10, 0), await Store.GetAsync(account, "2026-11"));
        Assert.Equal(new UsageCounters(account, "2026-12", 2, 0, 20, 2), await Store.GetAsync(account, "2026-12"));
        Assert.Equal(5, (await Store.GetAsync(other, "2026-11")).Requests);
    }
}
