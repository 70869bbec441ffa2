using ImageService.Core.Billing;
using ImageService.Core.Tests.Billing;
using ImageService.Core.Usage;

namespace ImageService.Core.Tests.Usage;

public sealed class BillableBandwidthTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 4, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Edge_bytes_count_where_the_month_has_edge_data_else_origin_bytes()
    {
        var origin = new UsageCounters("a", "2026-11", 10, 2, 5_000, 8);

        Assert.Equal(5_000, origin.BillableBandwidthBytes);
        Assert.Equal(90_000, (origin with { Edge = new EdgeUsage(40, 90_000) }).BillableBandwidthBytes);
        Assert.Equal(0, (origin with { Edge = new EdgeUsage(0, 0) }).BillableBandwidthBytes);
    }

    [Fact]
    public void The_bandwidth_quota_counts_edge_bytes()
    {
        var free = TestPlans.Catalog().Get("free");
        var underAtOrigin = new UsageCounters("a", "2026-11", 10, 2, free.MonthlyBandwidthBytes / 2, 8);

        Assert.True(PlanGate.CheckQuota(free, underAtOrigin, willRender: false, Now).IsAllowed);
        var refused = PlanGate.CheckQuota(free, underAtOrigin with { Edge = new EdgeUsage(1_000, free.MonthlyBandwidthBytes) }, willRender: false, Now);
        Assert.Equal(QuotaKind.Bandwidth, refused.Quota);
    }
}
