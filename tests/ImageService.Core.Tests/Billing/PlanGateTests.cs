using ImageService.Core.Accounts;
using ImageService.Core.Billing;
using ImageService.Core.Imaging;
using ImageService.Core.Usage;

namespace ImageService.Core.Tests.Billing;

public sealed class PlanGateTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 4, 0, 0, TimeSpan.Zero);
    private static readonly PlanCatalog Catalog = TestPlans.Catalog();
    private static readonly Plan Free = Catalog.Get("free");
    private static readonly Plan Pro = Catalog.Get("pro");
    private static readonly Plan Business = Catalog.Get("business");

    [Fact]
    public void Explicit_avif_is_refused_on_free_naming_the_feature_and_allowed_on_pro()
    {
        var refused = PlanGate.CheckTransform(Free, new TransformSpec { Format = OutputFormat.Avif, Width = 400 });

        Assert.Equal(PlanCheckOutcome.FeatureNotInPlan, refused.Outcome);
        Assert.Equal(PlanFeature.Avif, refused.Feature);
        Assert.Contains("'avif'", refused.Detail, StringComparison.Ordinal);
        Assert.True(PlanGate.CheckTransform(Pro, new TransformSpec { Format = OutputFormat.Avif, Width = 400 }).IsAllowed);
        Assert.True(PlanGate.CheckTransform(Free, new TransformSpec { Format = OutputFormat.Auto, Width = 400 }).IsAllowed);
    }

    [Theory]
    [InlineData(2048, null, 1.0, true)]
    [InlineData(2049, null, 1.0, false)]
    [InlineData(null, 2049, 1.0, false)]
    [InlineData(1024, null, 2.0, true)]
    [InlineData(1025, null, 2.0, false)]
    [InlineData(null, null, 4.0, true)]
    public void Output_size_after_dpr_is_limited_by_the_plans_maximum(int? width, int? height, double dpr, bool allowed)
    {
        var check = PlanGate.CheckTransform(Free, new TransformSpec { Width = width, Height = height, Dpr = dpr });

        Assert.Equal(allowed, check.IsAllowed);
        if (!allowed)
        {
            Assert.Equal(PlanFeature.OutputDimension, check.Feature);
            Assert.Equal(PlanCheckOutcome.FeatureNotInPlan, check.Outcome);
            Assert.Contains("2048", check.Detail, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Larger_plans_allow_larger_outputs()
    {
        Assert.True(PlanGate.CheckTransform(Pro, new TransformSpec { Width = 4096 }).IsAllowed);
        Assert.False(PlanGate.CheckTransform(Pro, new TransformSpec { Width = 4097 }).IsAllowed);
        Assert.True(PlanGate.CheckTransform(Business, new TransformSpec { Width = 8192 }).IsAllowed);
    }

    [Fact]
    public void Signed_urls_need_a_plan_that_includes_them()
    {
        var refused = PlanGate.CheckSignedUrls(Free);

        Assert.Equal(PlanFeature.SignedUrls, refused.Feature);
        Assert.Equal(PlanCheckOutcome.FeatureNotInPlan, refused.Outcome);
        Assert.True(PlanGate.CheckSignedUrls(Pro).IsAllowed);
        Assert.False(PlanGate.CheckAccountSettings(Free, requireSignedUrls: true).IsAllowed);
        Assert.True(PlanGate.CheckAccountSettings(Free, requireSignedUrls: false).IsAllowed);
        Assert.True(PlanGate.CheckAccountSettings(Pro, requireSignedUrls: true).IsAllowed);
    }

    [Fact]
    public void Signing_is_required_by_the_account_setting_or_by_the_plan()
    {
        var account = Account.New("u", "pro", Now);
        var strictPlan = Pro with { SignedUrlsRequired = true };

        Assert.False(PlanGate.SignedUrlsRequired(Pro, account));
        Assert.True(PlanGate.SignedUrlsRequired(Pro, account with { RequireSignedUrls = true }));
        Assert.True(PlanGate.SignedUrlsRequired(strictPlan, account));
    }

    [Fact]
    public void An_account_that_required_signing_stays_closed_after_moving_to_a_plan_without_signed_urls()
    {
        var account = Account.New("u", "free", Now) with { RequireSignedUrls = true };

        Assert.True(PlanGate.SignedUrlsRequired(Free, account));
        Assert.False(PlanGate.CheckSignedUrls(Free).IsAllowed);
    }

    [Fact]
    public void Custom_domains_are_a_business_feature()
    {
        Assert.Equal(PlanFeature.CustomDomains, PlanGate.CheckCustomDomains(Pro).Feature);
        Assert.True(PlanGate.CheckCustomDomains(Business).IsAllowed);
    }

    [Fact]
    public void Exactly_the_monthly_number_of_transformations_renders_and_the_next_is_refused()
    {
        var limit = Free.MonthlyTransformations;
        var beforeLast = Usage(transformations: limit - 1);
        var atLimit = Usage(transformations: limit);

        Assert.True(PlanGate.CheckQuota(Free, beforeLast, willRender: true, Now).IsAllowed);
        var refused = PlanGate.CheckQuota(Free, atLimit, willRender: true, Now);
        Assert.Equal(PlanCheckOutcome.QuotaExceeded, refused.Outcome);
        Assert.Equal(QuotaKind.Transformations, refused.Quota);
    }

    [Fact]
    public void Cached_results_are_still_served_when_the_transformation_quota_is_used_up()
    {
        Assert.True(PlanGate.CheckQuota(Free, Usage(transformations: Free.MonthlyTransformations), willRender: false, Now).IsAllowed);
    }

    [Fact]
    public void Bandwidth_is_refused_once_the_months_bytes_reach_the_limit()
    {
        var limit = Free.MonthlyBandwidthBytes;

        Assert.True(PlanGate.CheckQuota(Free, Usage(bytes: limit - 1), willRender: false, Now).IsAllowed);
        var refused = PlanGate.CheckQuota(Free, Usage(bytes: limit), willRender: false, Now);
        Assert.Equal(QuotaKind.Bandwidth, refused.Quota);
        Assert.Equal(PlanCheckOutcome.QuotaExceeded, refused.Outcome);
    }

    [Fact]
    public void A_quota_refusal_retries_after_the_month_ends()
    {
        var refused = PlanGate.CheckQuota(Free, Usage(transformations: 5_000), willRender: true, new DateTimeOffset(2026, 11, 30, 23, 59, 0, TimeSpan.Zero));

        Assert.Equal(60, refused.RetryAfterSeconds);
    }

    [Fact]
    public void A_refused_rate_becomes_a_429_with_retry_after()
    {
        var check = PlanGate.CheckRate(Free, new RateLimitDecision(false, 10, 0, Now.AddSeconds(1), 1));

        Assert.Equal(PlanCheckOutcome.RateLimited, check.Outcome);
        Assert.Equal(1, check.RetryAfterSeconds);
        Assert.True(PlanGate.CheckRate(Free, new RateLimitDecision(true, 10, 9, Now.AddSeconds(1), 0)).IsAllowed);
    }

    private static UsageCounters Usage(long transformations = 0, long bytes = 0) =>
        new("acct", "2026-11", transformations, transformations, bytes, 0);
}
