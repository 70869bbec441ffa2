using System.Text;
using ImageService.Api.Problems;
using ImageService.Core.Accounts;
using ImageService.Core.Billing;
using ImageService.Core.Storage;
using ImageService.Lambda.Events;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ImageService.Api.Billing;

internal static class BillingHandlers
{
    public const string SignatureHeader = "Stripe-Signature";
    public const string PortalPath = "/billing/portal";

    private const int MaxVersionRetries = 5;

    public static Ok<BillingPlansResponse> ListPlans([AsParameters] BillingApiServices services)
    {
        var configured = services.Gateways.Gateway is not null;
        var plans = services.Policy.Plans;
        return TypedResults.Ok(new BillingPlansResponse(plans.Default.Id,
            [.. plans.All.OrderBy(p => p.MonthlyTransformations).ThenBy(p => p.Id, StringComparer.Ordinal).Select(p => BillingPlanResponse.From(p, configured))]));
    }

    public static async Task<Results<Ok<BillingUrlResponse>, ProblemHttpResult>> CreateCheckoutAsync(
        CheckoutRequest? request, [AsParameters] BillingApiServices services)
    {
        if (services.Gateways.Gateway is not { } gateway)
        {
            return NotConfigured();
        }
        if (request?.Plan is not { Length: > 0 } planId || !services.Policy.Plans.TryGet(planId, out var plan))
        {
            return ApiProblems.Validation("plan", $"Give one of the plans: {string.Join(", ", services.Policy.Plans.All.Select(p => p.Id))}.");
        }
        if (!plan!.Purchasable)
        {
            return ApiProblems.Validation("plan", $"The {plan.DisplayName} plan cannot be bought (it has no Stripe price).");
        }
        var cancellationToken = services.CancellationToken;
        var account = await services.Accounts.GetOrCreateAsync(services.User.Id, cancellationToken);
        if (account.Billing.Status.IsLive())
        {
            return ApiProblems.Problem(ProblemTypes.AlreadySubscribed,
                $"The account already has a {account.Billing.Status.Name()} subscription to the {account.Billing.PlanId} plan; change or cancel it in the billing portal (POST {PortalPath}).",
                new Dictionary<string, object?>(StringComparer.Ordinal) { ["portal"] = PortalPath });
        }
        try
        {
            var customerId = await EnsureCustomerAsync(gateway, services.Store, account, services.Time, cancellationToken);
            var options = services.Options.Value;
            var origin = Origin(services.Context);
            var url = await gateway.CreateCheckoutSessionAsync(new CheckoutSessionRequest(
                account.Id, customerId, plan.Id, plan.StripePriceId!,
                [.. new[] { plan.TransformationsOveragePriceId, plan.BandwidthOveragePriceId }.OfType<string>()],
                Or(options.SuccessUrl, origin + "/app/?billing=success&session_id={CHECKOUT_SESSION_ID}"),
                Or(options.CancelUrl, origin + "/app/?billing=canceled")), cancellationToken);
            return TypedResults.Ok(new BillingUrlResponse(url));
        }
        catch (BillingGatewayException failure)
        {
            return ProviderFailed(failure);
        }
    }

    public static async Task<Results<Ok<BillingUrlResponse>, ProblemHttpResult>> CreatePortalAsync([AsParameters] BillingApiServices services)
    {
        if (services.Gateways.Gateway is not { } gateway)
        {
            return NotConfigured();
        }
        var account = await services.Store.GetAsync(services.User.Id, services.CancellationToken);
        if (account?.Billing.CustomerId is not { } customerId)
        {
            return ApiProblems.NotFound("This account has no billing customer yet: subscribe with POST /billing/checkout first.");
        }
        try
        {
            var returnUrl = Or(services.Options.Value.PortalReturnUrl, Origin(services.Context) + "/app/");
            return TypedResults.Ok(new BillingUrlResponse(await gateway.CreatePortalSessionAsync(customerId, returnUrl, services.CancellationToken)));
        }
        catch (BillingGatewayException failure)
        {
            return ProviderFailed(failure);
        }
    }

    /// <summary>Verify, store, answer; apply after the answer is sent (Response.OnCompleted, which the Lambda host also
    /// finishes before the next invocation). A stored event that fails to apply is retried by the worker or schedule.</summary>
    public static async Task<Results<Ok<WebhookReceipt>, ProblemHttpResult>> ReceiveWebhookAsync([AsParameters] BillingApiServices services)
    {
        if (services.Gateways.Gateway is not { } gateway)
        {
            return NotConfigured();
        }
        var context = services.Context;
        // The signature covers the exact bytes Stripe sent: read them as they are, never through a JSON model.
        string payload;
        using (var reader = new StreamReader(context.Request.Body, Encoding.UTF8, detectEncodingFromByteOrderMarks: false))
        {
            payload = await reader.ReadToEndAsync(services.CancellationToken);
        }
        BillingEvent billingEvent;
        try
        {
            billingEvent = gateway.ParseWebhook(payload, context.Request.Headers[SignatureHeader].FirstOrDefault(), services.Time.GetUtcNow());
        }
        catch (WebhookSignatureException invalid)
        {
            return ApiProblems.Problem(ProblemTypes.WebhookSignatureInvalid, invalid.Message);
        }

        var store = context.RequestServices.GetRequiredService<IBillingStore>();
        var isNew = await store.RecordEventAsync(billingEvent, services.CancellationToken);
        var stored = isNew ? billingEvent : await store.GetEventAsync(billingEvent.Id, services.CancellationToken);
        if (stored is { AppliedAt: null })
        {
            // A redelivery of an event that has not been applied yet is a good moment to try again.
            var processor = context.RequestServices.GetRequiredService<BillingEventProcessor>();
            context.Response.OnCompleted(() => processor.ApplyAsync(stored, CancellationToken.None));
        }
        return TypedResults.Ok(new WebhookReceipt(billingEvent.Id, Duplicate: !isNew));
    }

    /// <summary>The hourly EventBridge rule: meter reports of the hour (and retries), then events left unapplied.</summary>
    public static async Task<BillingScheduledResult> RunScheduledAsync(ScheduledEvent scheduled, HttpContext context)
    {
        var services = context.RequestServices;
        var pending = await services.GetRequiredService<BillingEventProcessor>().ApplyPendingAsync(context.RequestAborted);
        var run = await services.GetRequiredService<MeterReporter>().RunAsync(context.RequestAborted);
        return new BillingScheduledResult(run, pending);
    }

    /// <summary>The account's Stripe customer, created once (the gateway's idempotency key makes concurrent or repeated
    /// checkouts get the same customer) and stored with the account.</summary>
    private static async Task<string> EnsureCustomerAsync(IBillingGateway gateway, IAccountStore store, Account account, TimeProvider time, CancellationToken cancellationToken)
    {
        if (account.Billing.CustomerId is { } existing)
        {
            return existing;
        }
        var customerId = await gateway.CreateCustomerAsync(account.Id, cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            if (account.Billing.CustomerId is { } stored)
            {
                return stored;
            }
            try
            {
                await store.UpdateAsync(account with
                {
                    Billing = account.Billing with { CustomerId = customerId },
                    UpdatedAt = time.GetUtcNow(),
                    Version = account.Version + 1,
                }, account.Version, cancellationToken);
                return customerId;
            }
            catch (PreconditionFailedException) when (attempt < MaxVersionRetries)
            {
                account = await store.GetAsync(account.Id, cancellationToken) ?? throw new NotFoundException(StoredItem.Account, $"Account {account.Id} vanished.");
            }
        }
    }

    private static string Origin(HttpContext context) => $"{context.Request.Scheme}://{context.Request.Host}";

    private static string Or(string? configured, string fallback) => string.IsNullOrWhiteSpace(configured) ? fallback : configured;

    private static ProblemHttpResult NotConfigured() =>
        ApiProblems.Problem(ProblemTypes.BillingNotConfigured, "Billing is not configured on this server (Billing:Stripe:SecretKey).");

    private static ProblemHttpResult ProviderFailed(BillingGatewayException failure) =>
        ApiProblems.Problem(ProblemTypes.BillingProviderFailed, "The payment provider did not complete the request; try again. (" + failure.Message + ")");
}
