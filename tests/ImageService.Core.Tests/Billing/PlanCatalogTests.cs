using ImageService.Core.Billing;

namespace ImageService.Core.Tests.Billing;

public sealed class PlanCatalogTests
{
    [Fact]
    public void Code_defaults_offer_free_pro_and_business_in_rising_order()
    {
        var catalog = new PlanCatalog(new PlanCatalogOptions());
        var free = catalog.Get("free");
        var pro = catalog.Get("pro");
        var business = catalog.Get("business");

        Assert.Same(free, catalog.Default);
        Assert.Equal(3, catalog.All.Count);
        Assert.True(free.MaxOutputDimension < pro.MaxOutputDimension && pro.MaxOutputDimension < business.MaxOutputDimension);
        Assert.True(free.RequestsPerSecond < pro.RequestsPerSecond && pro.RequestsPerSecond < business.RequestsPerSecond);
        Assert.True(free.MonthlyTransformations < pro.MonthlyTransformations && pro.MonthlyTransformations < business.MonthlyTransformations);
        Assert.False(free.AvifAllowed || free.SignedUrls || free.CustomDomains);
        Assert.True(pro.AvifAllowed && pro.SignedUrls && !pro.CustomDomains);
        Assert.True(business.CustomDomains);
        Assert.Null(free.StripePriceId);
    }

    [Fact]
    public void Configured_values_replace_the_defaults_and_an_unknown_plan_falls_back_to_the_default()
    {
        var options = new PlanCatalogOptions();
        options.Plans["pro"].StripePriceId = "price_123";
        options.Plans["pro"].RequestsPerSecond = 50;

        var catalog = new PlanCatalog(options);

        Assert.Equal("price_123", catalog.Get("pro").StripePriceId);
        Assert.Equal(50, catalog.Get("pro").RequestsPerSecond);
        Assert.Same(catalog.Default, catalog.Get("retired-plan"));
        Assert.False(catalog.TryGet("retired-plan", out _));
    }

    [Fact]
    public void A_catalog_without_its_default_plan_or_with_impossible_limits_fails_at_startup()
    {
        Assert.Throws<InvalidOperationException>(() => new PlanCatalog(new PlanCatalogOptions { DefaultPlanId = "gold" }));

        var zeroRate = new PlanCatalogOptions();
        zeroRate.Plans["free"].RequestsPerSecond = 0;
        Assert.Throws<InvalidOperationException>(() => new PlanCatalog(zeroRate));

        var requiredButMissing = new PlanCatalogOptions();
        requiredButMissing.Plans["free"].SignedUrlsRequired = true;
        Assert.Throws<InvalidOperationException>(() => new PlanCatalog(requiredButMissing));
    }
}
