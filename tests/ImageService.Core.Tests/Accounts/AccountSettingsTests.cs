using ImageService.Core.Accounts;
using ImageService.Core.Billing;
using ImageService.Core.Tests.Billing;

namespace ImageService.Core.Tests.Accounts;

public sealed class AccountSettingsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 4, 0, 0, TimeSpan.Zero);
    private static readonly PlanCatalog Plans = TestPlans.Catalog();
    private static readonly Account Original = Account.New("user-1", "pro", Now.AddDays(-1));

    [Fact]
    public void Valid_settings_are_normalised_and_bump_the_version()
    {
        var result = AccountSettings.Apply(Original, new AccountSettingsChange
        {
            AllowedOrigins = ["Shop.Example.com", "*.example.com"],
            StrictOrigins = true,
            RequireSignedUrls = true,
            DefaultTransform = "?q=75&f=auto",
        }, Plans.Get("pro"), Now);

        var updated = Assert.IsType<Account>(result.Updated);
        Assert.Equal(["shop.example.com", "*.example.com"], updated.AllowedOrigins);
        Assert.True(updated.StrictOrigins && updated.RequireSignedUrls);
        Assert.Equal("q=75&f=auto", updated.DefaultTransform);
        Assert.Equal((2L, Now), (updated.Version, updated.UpdatedAt));
        Assert.Equal(Original.PublicKey, updated.PublicKey);
    }

    [Fact]
    public void Arbitrary_transforms_are_allowed_by_default_and_a_change_sets_them_either_way()
    {
        var off = AccountSettings.Apply(Original, new AccountSettingsChange { AllowArbitraryTransforms = false }, Plans.Get("pro"), Now).Updated!;
        var untouched = AccountSettings.Apply(off, new AccountSettingsChange { StrictOrigins = true }, Plans.Get("pro"), Now).Updated!;
        var on = AccountSettings.Apply(off, new AccountSettingsChange { AllowArbitraryTransforms = true }, Plans.Get("free"), Now).Updated!;

        Assert.True(Original.AllowArbitraryTransforms);
        Assert.False(off.AllowArbitraryTransforms);
        Assert.False(untouched.AllowArbitraryTransforms);
        Assert.True(on.AllowArbitraryTransforms);
    }

    [Fact]
    public void Unset_fields_stay_and_an_empty_default_transform_clears_it()
    {
        var withTransform = Original with { DefaultTransform = "q=70", AllowedOrigins = ["a.example.com"] };

        var updated = AccountSettings.Apply(withTransform, new AccountSettingsChange { DefaultTransform = "" }, Plans.Get("pro"), Now).Updated!;

        Assert.Null(updated.DefaultTransform);
        Assert.Equal(["a.example.com"], updated.AllowedOrigins);
    }

    [Fact]
    public void Each_bad_origin_and_transform_parameter_is_reported_under_its_own_field()
    {
        var result = AccountSettings.Apply(Original, new AccountSettingsChange
        {
            AllowedOrigins = ["ok.example.com", "https://bad.example.com", "*.com"],
            DefaultTransform = "w=0&zoom=2",
        }, Plans.Get("pro"), Now);

        Assert.False(result.IsValid);
        Assert.Equal(["allowedOrigins[1]", "allowedOrigins[2]", "defaultTransform.w", "defaultTransform.zoom"], result.Errors.Keys.Order());
    }

    [Fact]
    public void Requiring_signed_urls_on_a_plan_without_them_is_denied_naming_the_feature()
    {
        var result = AccountSettings.Apply(Original with { PlanId = "free" }, new AccountSettingsChange { RequireSignedUrls = true }, Plans.Get("free"), Now);

        Assert.Null(result.Updated);
        Assert.Equal(PlanFeature.SignedUrls, result.Denied!.Feature);
        Assert.Equal(PlanCheckOutcome.FeatureNotInPlan, result.Denied.Outcome);
    }

    [Fact]
    public void A_default_transform_beyond_the_plan_is_denied()
    {
        var result = AccountSettings.Apply(Original, new AccountSettingsChange { DefaultTransform = "f=avif" }, Plans.Get("free"), Now);

        Assert.Equal(PlanFeature.Avif, result.Denied!.Feature);
    }
}
