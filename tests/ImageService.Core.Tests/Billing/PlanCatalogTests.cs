using ImageService.Core.Billing;

namespace ImageService.Core.Tests.Billing;

public sealed class PlanCatalogTests
{
    [Fact]
    public void An_unknown_plan_falls_back_to_the_default()
    {
        var catalog = new PlanCatalog("free", [TestPlans.Free(), TestPlans.Pro() with { StripePriceId = "price_123" }]);

        Assert.Equal("free", catalog.Default.Id);
        Assert.Equal(2, catalog.All.Count);
        Assert.Equal("price_123", catalog.Get("pro").StripePriceId);
        Assert.Same(catalog.Default, catalog.Get("retired-plan"));
        Assert.Same(catalog.Default, catalog.Get(null));
        Assert.False(catalog.TryGet("retired-plan", out _));
    }

    [Fact]
    public void A_catalog_without_its_default_plan_or_with_impossible_limits_fails_at_startup()
    {
        Assert.Throws<InvalidOperationException>(() => new PlanCatalog("gold", [TestPlans.Free()]));
        Assert.Throws<InvalidOperationException>(() => new PlanCatalog("free", [TestPlans.Free() with { RequestsPerSecond = 0 }]));
        Assert.Throws<InvalidOperationException>(() => new PlanCatalog("free", [TestPlans.Free() with { MonthlyBandwidthBytes = -1 }]));
        Assert.Throws<InvalidOperationException>(() => new PlanCatalog("free", [TestPlans.Free() with { SignedUrlsRequired = true }]));
    }
}
