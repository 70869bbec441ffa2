using ImageService.Api.Hosting;

namespace ImageService.Api.Tests.Hosting;

public sealed class PlanCatalogOptionsTests
{
    [Fact]
    public void Code_defaults_offer_free_pro_and_business_in_rising_order()
    {
        var catalog = new PlanCatalogOptions().ToCatalog();
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
    public void Configured_values_replace_the_defaults_and_blank_names_and_prices_read_as_absent()
    {
        var options = new PlanCatalogOptions();
        options.Plans["pro"].StripePriceId = "price_123";
        options.Plans["pro"].RequestsPerSecond = 50;
        options.Plans["business"].StripePriceId = " ";
        options.Plans["business"].DisplayName = "";

        var catalog = options.ToCatalog();

        Assert.Equal("price_123", catalog.Get("pro").StripePriceId);
        Assert.Equal(50, catalog.Get("pro").RequestsPerSecond);
        Assert.Null(catalog.Get("business").StripePriceId);
        Assert.Equal("business", catalog.Get("business").DisplayName);
    }

    [Fact]
    public void Settings_without_the_default_plan_or_with_impossible_limits_fail_at_startup()
    {
        Assert.Throws<InvalidOperationException>(() => new PlanCatalogOptions { DefaultPlanId = "gold" }.ToCatalog());

        var zeroRate = new PlanCatalogOptions();
        zeroRate.Plans["free"].RequestsPerSecond = 0;
        Assert.Throws<InvalidOperationException>(() => zeroRate.ToCatalog());

        var requiredButMissing = new PlanCatalogOptions();
        requiredButMissing.Plans["free"].SignedUrlsRequired = true;
        Assert.Throws<InvalidOperationException>(() => requiredButMissing.ToCatalog());
    }
}
