using ImageService.Core.Accounts;
using ImageService.Core.Billing;
using ImageService.Core.Tests.Billing;

namespace ImageService.Core.Tests.Accounts;

public sealed class CustomDomainsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 4, 0, 0, TimeSpan.Zero);
    private static readonly PlanCatalog Plans = TestPlans.Catalog();

    [Fact]
    public void Names_are_lower_cased_punycoded_and_deduplicated_in_order()
    {
        var result = CustomDomains.Validate(["Img.Shop.Example", "img.shop.example.", "bücher.example", "cdn.b.example"]);

        Assert.True(result.IsValid);
        Assert.Equal(["img.shop.example", "xn--bcher-kva.example", "cdn.b.example"], result.Normalized);
    }

    [Theory]
    [InlineData("")]
    [InlineData("localhost")]
    [InlineData("*.shop.example")]
    [InlineData("https://img.shop.example")]
    [InlineData("img.shop.example/path")]
    [InlineData("img.shop.example:8443")]
    [InlineData("203.0.113.7")]
    [InlineData("under_score.example")]
    [InlineData("-leading.example")]
    [InlineData("two..dots.example")]
    public void Anything_but_a_bare_dns_name_is_refused_with_its_index(string entry)
    {
        var result = CustomDomains.Validate(["ok.example.com", entry]);

        var error = Assert.Single(result.Errors);
        Assert.Equal(1, error.Index);
        Assert.Equal(["ok.example.com"], result.Normalized);
    }

    [Fact]
    public void An_account_has_at_most_twenty()
    {
        var result = CustomDomains.Validate(Enumerable.Range(0, 21).Select(i => (string?)$"d{i}.example.com").ToList());

        Assert.Contains(result.Errors, e => e.Index == CustomDomains.MaxPerAccount);
    }

    [Theory]
    [InlineData("IMG.Shop.Example:443", "img.shop.example")]
    [InlineData("img.shop.example, proxy.internal", "img.shop.example")]
    [InlineData("localhost:5080", null)]
    [InlineData("127.0.0.1:5080", null)]
    [InlineData("[::1]:5080", null)]
    [InlineData(null, null)]
    public void A_request_host_maps_to_the_stored_form(string? header, string? expected) =>
        Assert.Equal(expected, CustomDomains.FromRequestHost(header));

    [Fact]
    public void Adding_a_domain_needs_the_plan_feature_and_removing_one_never_does()
    {
        var business = Account.New("user-1", "business", Now);
        var added = AccountSettings.Apply(business, new AccountSettingsChange { CustomDomains = ["img.shop.example"] }, Plans.Get("business"), Now);
        var onPro = AccountSettings.Apply(business with { PlanId = "pro" }, new AccountSettingsChange { CustomDomains = ["img.shop.example"] }, Plans.Get("pro"), Now);
        var downgraded = business with { PlanId = "pro", CustomDomains = ["img.shop.example", "old.shop.example"] };
        var removed = AccountSettings.Apply(downgraded, new AccountSettingsChange { CustomDomains = ["img.shop.example"] }, Plans.Get("pro"), Now);

        Assert.Equal(["img.shop.example"], added.Updated!.CustomDomains);
        Assert.Null(onPro.Updated);
        Assert.Equal(PlanFeature.CustomDomains, onPro.Denied!.Feature);
        Assert.Equal(["img.shop.example"], removed.Updated!.CustomDomains);
    }

    [Fact]
    public void A_bad_entry_is_a_400_keyed_by_its_index()
    {
        var result = AccountSettings.Apply(Account.New("user-1", "business", Now),
            new AccountSettingsChange { CustomDomains = ["img.shop.example", "*.shop.example"] }, Plans.Get("business"), Now);

        Assert.False(result.IsValid);
        Assert.True(result.Errors.ContainsKey("customDomains[1]"));
    }
}
