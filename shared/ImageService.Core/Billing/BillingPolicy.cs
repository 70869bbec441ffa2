using ImageService.Core.Accounts;

namespace ImageService.Core.Billing;

/// <summary>
/// How an account's plan follows its subscription. active/trialing: the subscribed plan. past_due: the subscribed plan
/// until <see cref="AccountBilling.GraceUntil"/> (<see cref="GracePeriod"/> after the first failure), the free plan's
/// limits after. canceled, unpaid, incomplete, incomplete_expired, paused: the free plan at once. Nothing is deleted by a
/// downgrade; features the plan lacks stop with the usual plan refusals. Subscriptions are applied as fetched from
/// Stripe, so the order events arrive in does not matter; an ended subscription that is not the account's current
/// one (a replayed old one) changes nothing.
/// </summary>
public sealed class BillingPolicy(PlanCatalog plans, string freePlanId, TimeSpan gracePeriod)
{
    public const string DefaultFreePlanId = "free";

    public static readonly TimeSpan DefaultGracePeriod = TimeSpan.FromDays(7);

    /// <summary>The free plan as the catalog's default when there is no plan called <see cref="DefaultFreePlanId"/>.</summary>
    public BillingPolicy(PlanCatalog plans) : this(plans, DefaultFreePlanId, DefaultGracePeriod)
    {
    }

    public PlanCatalog Plans { get; } = plans ?? throw new ArgumentNullException(nameof(plans));

    public TimeSpan GracePeriod { get; } = gracePeriod;

    /// <summary>The plan an account falls to when its subscription ends or its grace runs out.</summary>
    public Plan Free { get; } = plans.TryGet(freePlanId, out var free) ? free! : plans.Default;

    /// <summary>The plan whose limits apply to the account now.</summary>
    public Plan PlanOf(Account account, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(account);
        return GraceExpired(account.Billing, now) ? Free : Plans.Get(account.PlanId);
    }

    /// <summary>Whether usage past the plan's included amounts is billed to the account's subscription (so the quota
    /// with an overage price does not refuse): a live subscription, past due only within its grace.</summary>
    public static bool BillsOverage(Account account, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(account);
        var billing = account.Billing;
        return billing.CustomerId is not null && billing.Status.IsLive() && !GraceExpired(billing, now);
    }

    /// <summary>The plan a subscription's prices buy, or null when no plan uses any of them.</summary>
    public Plan? PlanForPrices(IEnumerable<string> priceIds)
    {
        ArgumentNullException.ThrowIfNull(priceIds);
        var prices = priceIds.ToHashSet(StringComparer.Ordinal);
        return Plans.All.FirstOrDefault(p => p.StripePriceId is { } price && prices.Contains(price));
    }

    /// <summary>The account with <paramref name="subscription"/>'s state applied. <paramref name="failedAt"/>: when a
    /// payment failure was reported (starts the grace period if the account is not already in one).</summary>
    public BillingApplication Apply(Account account, BillingSubscription subscription, DateTimeOffset now, DateTimeOffset? failedAt = null)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(subscription);
        if (BillingStatuses.Parse(subscription.Status) is not { } status)
        {
            return new(BillingApplyOutcome.UnknownStatus);
        }
        var current = account.Billing;
        var isCurrent = current.SubscriptionId is null || current.SubscriptionId == subscription.Id;
        // A replayed event of an older subscription must not end the newer one: only a live subscription takes over.
        if (!isCurrent && (!status.IsLive() || (current.Status.IsLive() && status == BillingStatus.PastDue)))
        {
            return new(BillingApplyOutcome.NotCurrentSubscription);
        }
        if (PlanForPrices(subscription.PriceIds) is not { } plan)
        {
            return new(BillingApplyOutcome.UnknownPrice);
        }

        DateTimeOffset? graceUntil = null;
        if (status == BillingStatus.PastDue)
        {
            // The grace runs from the first failure: later failures and redeliveries keep the date.
            graceUntil = isCurrent && current.Status == BillingStatus.PastDue && current.GraceUntil is { } kept
                ? kept
                : (failedAt is { } failed && failed < now ? failed : now) + GracePeriod;
        }
        var billing = new AccountBilling
        {
            CustomerId = subscription.CustomerId,
            SubscriptionId = subscription.Id,
            Status = status,
            PlanId = plan.Id,
            CurrentPeriodEnd = subscription.CurrentPeriodEnd,
            CancelAtPeriodEnd = subscription.CancelAtPeriodEnd,
            GraceUntil = graceUntil,
        };
        var planId = status.IsLive() ? plan.Id : Free.Id;
        if (billing == current && planId == account.PlanId)
        {
            return new(BillingApplyOutcome.Unchanged);
        }
        return new(BillingApplyOutcome.Applied, account with
        {
            PlanId = planId,
            Billing = billing,
            UpdatedAt = now,
            Version = account.Version + 1,
        });
    }

    private static bool GraceExpired(AccountBilling billing, DateTimeOffset now) =>
        billing.Status == BillingStatus.PastDue && billing.GraceUntil is { } until && until <= now;
}
