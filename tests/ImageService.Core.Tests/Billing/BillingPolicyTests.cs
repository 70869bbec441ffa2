using ImageService.Core.Accounts;
using ImageService.Core.Billing;
using ImageService.Core.Usage;

namespace ImageService.Core.Tests.Billing;

public sealed class BillingPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset PeriodEnd = Now.AddDays(30);

    private readonly BillingPolicy _policy = new(new PlanCatalog("free",
        [TestPlans.Free(), TestPlans.Pro() with { StripePriceId = "price_pro", TransformationsOveragePriceId = "price_tx" },
         TestPlans.Business() with { StripePriceId = "price_business" }]), "free", TimeSpan.FromDays(7));

    private static Account NewAccount() => Account.New("alice", "free", Now.AddDays(-10));

    private static BillingSubscription Subscription(string status, string price = "price_pro", string id = "sub_1") =>
        new(id, "cus_1", "alice", status, [price, "price_tx"], PeriodEnd, CancelAtPeriodEnd: false);

    [Theory]
    [InlineData("active")]
    [InlineData("trialing")]
    public void A_live_subscription_gives_its_plan(string status)
    {
        var result = _policy.Apply(NewAccount(), Subscription(status), Now);

        Assert.Equal(BillingApplyOutcome.Applied, result.Outcome);
        var account = result.Updated!;
        Assert.Equal("pro", account.PlanId);
        Assert.Equal(new AccountBilling
        {
            CustomerId = "cus_1", SubscriptionId = "sub_1", Status = BillingStatuses.Parse(status)!.Value, PlanId = "pro",
            CurrentPeriodEnd = PeriodEnd,
        }, account.Billing);
        Assert.Equal(2, account.Version);
        Assert.Equal("pro", _policy.PlanOf(account, Now).Id);
    }

    [Theory]
    [InlineData("canceled")]
    [InlineData("unpaid")]
    [InlineData("incomplete_expired")]
    public void An_ended_subscription_gives_the_free_plan_at_once(string status)
    {
        var subscribed = _policy.Apply(NewAccount(), Subscription("active"), Now).Updated!;

        var ended = _policy.Apply(subscribed, Subscription(status), Now.AddDays(1)).Updated!;

        Assert.Equal("free", ended.PlanId);
        Assert.Equal("pro", ended.Billing.PlanId);
        Assert.False(BillingPolicy.BillsOverage(ended, Now.AddDays(1)));
    }

    [Fact]
    public void Past_due_keeps_the_plan_for_the_grace_period_from_the_first_failure_then_the_free_plans_limits_apply()
    {
        var subscribed = _policy.Apply(NewAccount(), Subscription("active"), Now).Updated!;
        var failedAt = Now.AddDays(3);

        var pastDue = _policy.Apply(subscribed, Subscription("past_due"), failedAt.AddMinutes(5), failedAt).Updated!;
        // Stripe's retry fails again two days later: the grace period still runs from the first failure.
        var again = _policy.Apply(pastDue, Subscription("past_due"), failedAt.AddDays(2), failedAt.AddDays(2));

        Assert.Equal(failedAt.AddDays(7), pastDue.Billing.GraceUntil);
        Assert.Equal(BillingApplyOutcome.Unchanged, again.Outcome);
        Assert.Equal("pro", _policy.PlanOf(pastDue, failedAt.AddDays(7).AddSeconds(-1)).Id);
        Assert.True(BillingPolicy.BillsOverage(pastDue, failedAt.AddDays(6)));
        Assert.Equal("free", _policy.PlanOf(pastDue, failedAt.AddDays(7)).Id);
        Assert.False(BillingPolicy.BillsOverage(pastDue, failedAt.AddDays(7)));

        var recovered = _policy.Apply(pastDue, Subscription("active"), failedAt.AddDays(8)).Updated!;
        Assert.Null(recovered.Billing.GraceUntil);
        Assert.Equal("pro", _policy.PlanOf(recovered, failedAt.AddDays(8)).Id);
    }

    [Fact]
    public void An_ended_older_subscription_replayed_after_a_newer_one_changes_nothing()
    {
        var onBusiness = _policy.Apply(NewAccount(), Subscription("active", "price_business", "sub_2"), Now).Updated!;

        var replayed = _policy.Apply(onBusiness, Subscription("canceled", "price_pro", "sub_1"), Now.AddMinutes(1));

        Assert.Equal(BillingApplyOutcome.NotCurrentSubscription, replayed.Outcome);
    }

    [Fact]
    public void A_price_no_plan_uses_or_an_unknown_status_changes_nothing()
    {
        Assert.Equal(BillingApplyOutcome.UnknownPrice, _policy.Apply(NewAccount(), Subscription("active", "price_retired") with { PriceIds = ["price_retired"] }, Now).Outcome);
        Assert.Equal(BillingApplyOutcome.UnknownStatus, _policy.Apply(NewAccount(), Subscription("on_fire"), Now).Outcome);
    }

    [Fact]
    public void The_same_state_twice_is_unchanged()
    {
        var subscribed = _policy.Apply(NewAccount(), Subscription("active"), Now).Updated!;

        Assert.Equal(BillingApplyOutcome.Unchanged, _policy.Apply(subscribed, Subscription("active"), Now.AddHours(1)).Outcome);
    }

    [Fact]
    public void A_plan_with_an_overage_price_keeps_serving_past_its_quota_while_billed_and_the_free_plan_stops()
    {
        var pro = _policy.Plans.Get("pro");
        var free = _policy.Plans.Get("free");
        var over = new UsageCounters("alice", "2026-12", 0, pro.MonthlyTransformations, pro.MonthlyBandwidthBytes - 1, 0);
        var freeOver = new UsageCounters("alice", "2026-12", 0, free.MonthlyTransformations, 0, 0);

        Assert.True(PlanGate.CheckQuota(pro, over, willRender: true, Now, billsOverage: true).IsAllowed);
        Assert.Equal(QuotaKind.Transformations, PlanGate.CheckQuota(pro, over, willRender: true, Now, billsOverage: false).Quota);
        Assert.Equal(QuotaKind.Transformations, PlanGate.CheckQuota(free, freeOver, willRender: true, Now, billsOverage: true).Quota);
        // Pro has no bandwidth overage price here: past its bytes it refuses even while billed.
        var bytesOver = over with { BytesServed = pro.MonthlyBandwidthBytes };
        Assert.Equal(QuotaKind.Bandwidth, PlanGate.CheckQuota(pro, bytesOver, willRender: false, Now, billsOverage: true).Quota);
    }
}
