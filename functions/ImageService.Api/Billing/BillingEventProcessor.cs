using ImageService.Core.Accounts;
using ImageService.Core.Billing;
using ImageService.Core.Storage;

namespace ImageService.Api.Billing;

/// <summary>
/// Applies stored webhook events. For every subscription-related event the subscription is fetched from Stripe and
/// that state applied (<see cref="BillingPolicy.Apply"/>), so order and repetition do not matter. An event is marked
/// applied only after its state is written; one that fails (Stripe or storage unavailable) keeps its place and is tried
/// again by <see cref="ApplyPendingAsync"/> (the local worker every minute, the scheduled run on AWS, and a redelivery).
/// </summary>
public sealed partial class BillingEventProcessor(
    IBillingStore store,
    IAccountStore accounts,
    BillingPolicy policy,
    BillingGatewayAccess gateways,
    TimeProvider time,
    ILogger<BillingEventProcessor> logger)
{
    /// <summary>The event types that carry a subscription to apply; any other type is recorded and ignored.</summary>
    public static readonly IReadOnlySet<string> HandledTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        "checkout.session.completed",
        "customer.subscription.created",
        "customer.subscription.updated",
        "customer.subscription.deleted",
        "invoice.paid",
        "invoice.payment_failed",
    };

    private const int MaxVersionRetries = 5;

    /// <summary>Applies one stored event; true when it is done (applied or nothing to apply), false when it must be retried.</summary>
    public async Task<bool> ApplyAsync(BillingEvent billingEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(billingEvent);
        try
        {
            await ApplyStateAsync(billingEvent, cancellationToken);
            await store.MarkEventAsync(billingEvent.Id, time.GetUtcNow(), cancellationToken);
            return true;
        }
        catch (Exception failure) when (failure is BillingGatewayException or StorageUnavailableException or PreconditionFailedException or HttpRequestException)
        {
            LogApplyFailed(logger, failure, billingEvent.Id, billingEvent.Type);
            await TryCountAttemptAsync(billingEvent.Id);
            return false;
        }
    }

    /// <summary>Applies every stored event not applied yet (oldest first); returns how many are still pending.</summary>
    public async Task<int> ApplyPendingAsync(CancellationToken cancellationToken = default)
    {
        var pending = 0;
        foreach (var billingEvent in await store.ListUnappliedEventsAsync(100, cancellationToken))
        {
            if (!await ApplyAsync(billingEvent, cancellationToken))
            {
                pending++;
            }
        }
        return pending;
    }

    private async Task ApplyStateAsync(BillingEvent billingEvent, CancellationToken cancellationToken)
    {
        if (!HandledTypes.Contains(billingEvent.Type))
        {
            LogIgnored(logger, billingEvent.Id, billingEvent.Type);
            return;
        }
        if (billingEvent.SubscriptionId is not { } subscriptionId)
        {
            LogNoSubscription(logger, billingEvent.Id, billingEvent.Type);
            return;
        }
        var gateway = gateways.Gateway ?? throw new BillingGatewayException("Billing is not configured in this process.");
        var subscription = await gateway.GetSubscriptionAsync(subscriptionId, cancellationToken);
        if (subscription is null)
        {
            LogUnknownSubscription(logger, billingEvent.Id, subscriptionId);
            return;
        }
        var accountId = subscription.AccountId ?? billingEvent.AccountId;
        var failedAt = billingEvent.Type == "invoice.payment_failed" ? billingEvent.Created : (DateTimeOffset?)null;
        for (var attempt = 1; ; attempt++)
        {
            var account = accountId is null ? null : await accounts.GetAsync(accountId, cancellationToken);
            if (account is null)
            {
                LogUnknownAccount(logger, billingEvent.Id, subscriptionId, accountId);
                return;
            }
            var result = policy.Apply(account, subscription, time.GetUtcNow(), failedAt);
            switch (result.Outcome)
            {
                case BillingApplyOutcome.UnknownPrice:
                    LogUnknownPrice(logger, billingEvent.Id, subscriptionId, string.Join(", ", subscription.PriceIds));
                    return;
                case BillingApplyOutcome.NotCurrentSubscription:
                case BillingApplyOutcome.UnknownStatus:
                    LogNotApplied(logger, billingEvent.Id, subscriptionId, subscription.Status, result.Outcome);
                    return;
                case BillingApplyOutcome.Unchanged:
                    return;
            }
            try
            {
                // Through the caching store: the delivery cache drops the account at once (plan changes take effect).
                await accounts.UpdateAsync(result.Updated!, account.Version, cancellationToken);
                LogApplied(logger, billingEvent.Id, account.Id, subscription.Status, result.Updated!.PlanId);
                return;
            }
            catch (PreconditionFailedException) when (attempt < MaxVersionRetries)
            {
                // The account changed meanwhile (a settings update, another event): read it again and reapply.
            }
        }
    }

    private async Task TryCountAttemptAsync(string eventId)
    {
        try
        {
            await store.MarkEventAsync(eventId, appliedAt: null, CancellationToken.None);
        }
        catch (StorageUnavailableException)
        {
            // The count is only for operators; the event stays unapplied either way.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Billing event {EventId}: account {AccountId} is now {Status} on plan {PlanId}")]
    private static partial void LogApplied(ILogger logger, string eventId, string accountId, string status, string planId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Billing event {EventId} of type {Type} is not one the service acts on")]
    private static partial void LogIgnored(ILogger logger, string eventId, string type);

    [LoggerMessage(Level = LogLevel.Information, Message = "Billing event {EventId} of type {Type} names no subscription; nothing to apply")]
    private static partial void LogNoSubscription(ILogger logger, string eventId, string type);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Billing event {EventId}: Stripe has no subscription {SubscriptionId}")]
    private static partial void LogUnknownSubscription(ILogger logger, string eventId, string subscriptionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Billing event {EventId}: subscription {SubscriptionId} names no known account ({AccountId})")]
    private static partial void LogUnknownAccount(ILogger logger, string eventId, string subscriptionId, string? accountId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Billing event {EventId}: subscription {SubscriptionId} has prices no plan uses ({PriceIds}); the account is unchanged")]
    private static partial void LogUnknownPrice(ILogger logger, string eventId, string subscriptionId, string priceIds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Billing event {EventId}: subscription {SubscriptionId} ({Status}) not applied: {Outcome}")]
    private static partial void LogNotApplied(ILogger logger, string eventId, string subscriptionId, string status, BillingApplyOutcome outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Billing event {EventId} of type {Type} could not be applied; it is kept and tried again")]
    private static partial void LogApplyFailed(ILogger logger, Exception exception, string eventId, string type);
}
