using ImageService.Core.Accounts;
using ImageService.Core.Imaging;
using ImageService.Core.Usage;

namespace ImageService.Core.Billing;

/// <summary>
/// The plan checks of the delivery route and the account API, each returning a <see cref="PlanCheck"/> the HTTP layer
/// turns into 403 (feature) or 429 (rate, quota). Quota rule: a monthly limit of N allows N — a request is refused
/// when the month's count is already at or above N before it (so the N-th transformation renders, the N+1-th is
/// refused). Counters are written after responses, so concurrent requests right at the limit may overshoot it by the
/// requests in flight; quotas are for billing, the rate limit is the exact protection.
/// </summary>
public static class PlanGate
{
    /// <summary>Explicit <c>f=avif</c> needs AVIF; the output's width and height (after dpr) must be within the plan's
    /// maximum. For <c>f=auto</c>, pass <see cref="Plan.AvifAllowed"/> to format negotiation instead of refusing.</summary>
    public static PlanCheck CheckTransform(Plan plan, TransformSpec spec)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Format == OutputFormat.Avif && !plan.AvifAllowed)
        {
            return PlanCheck.FeatureNotInPlan(plan, PlanFeature.Avif);
        }

        var widest = Math.Max(spec.Width ?? 0, spec.Height ?? 0) * spec.Dpr;
        if (widest > plan.MaxOutputDimension)
        {
            return PlanCheck.FeatureNotInPlan(plan, PlanFeature.OutputDimension,
                $"The {plan.DisplayName} plan allows outputs up to {plan.MaxOutputDimension} pixels wide or high (after dpr).");
        }

        return PlanCheck.Allowed;
    }

    /// <summary>Whether delivery URLs of this account must carry a valid <c>sig</c>. An account that required signing and
    /// then moved to a plan without signed URLs stays closed (its URLs answer 403) until it turns the requirement off:
    /// content the customer protected is never exposed by a plan change.</summary>
    public static bool SignedUrlsRequired(Plan plan, Account account)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(account);
        return plan.SignedUrlsRequired || account.RequireSignedUrls;
    }

    /// <summary>For a delivery URL that carries a <c>sig</c>, and for <c>POST /account/signed-urls</c>.</summary>
    public static PlanCheck CheckSignedUrls(Plan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return plan.SignedUrls ? PlanCheck.Allowed : PlanCheck.FeatureNotInPlan(plan, PlanFeature.SignedUrls);
    }

    /// <summary>For <c>PATCH /account</c>: turning require-signed-URLs on needs the feature; turning it off never does.</summary>
    public static PlanCheck CheckAccountSettings(Plan plan, bool requireSignedUrls) =>
        requireSignedUrls ? CheckSignedUrls(plan) : PlanCheck.Allowed;

    public static PlanCheck CheckCustomDomains(Plan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return plan.CustomDomains ? PlanCheck.Allowed : PlanCheck.FeatureNotInPlan(plan, PlanFeature.CustomDomains);
    }

    /// <summary>
    /// Monthly quotas before serving: bandwidth (<see cref="UsageCounters.BillableBandwidthBytes"/>) always, transformations only when the request will render
    /// (<paramref name="willRender"/>: a derived-cache miss). Retry-After points at the start of next month (UTC).
    /// <paramref name="billsOverage"/> (<see cref="BillingPolicy.BillsOverage"/>): a quota whose plan has an overage
    /// price keeps serving past its limit and the excess is metered; without one (the free plan) it refuses.
    /// </summary>
    public static PlanCheck CheckQuota(Plan plan, UsageCounters usage, bool willRender, DateTimeOffset now, bool billsOverage = false)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(usage);
        var untilNextMonth = (int)Math.Ceiling((UsageMonth.NextMonthStart(now) - now).TotalSeconds);
        if (BillableUsage.BillableBandwidth(usage) >= plan.MonthlyBandwidthBytes && !Metered(plan, QuotaKind.Bandwidth, billsOverage))
        {
            return PlanCheck.QuotaExceeded(plan, QuotaKind.Bandwidth, plan.MonthlyBandwidthBytes, untilNextMonth);
        }

        if (willRender && usage.Transformations >= plan.MonthlyTransformations && !Metered(plan, QuotaKind.Transformations, billsOverage))
        {
            return PlanCheck.QuotaExceeded(plan, QuotaKind.Transformations, plan.MonthlyTransformations, untilNextMonth);
        }

        return PlanCheck.Allowed;
    }

    private static bool Metered(Plan plan, QuotaKind quota, bool billsOverage) => billsOverage && plan.OveragePriceId(quota) is not null;

    /// <summary>Turns a <see cref="DeliveryRateLimiter"/> answer into a gate result (429 with Retry-After when refused).</summary>
    public static PlanCheck CheckRate(Plan plan, RateLimitDecision decision) =>
        decision.Allowed ? PlanCheck.Allowed : PlanCheck.RateLimited(plan, decision.RetryAfterSeconds);
}
