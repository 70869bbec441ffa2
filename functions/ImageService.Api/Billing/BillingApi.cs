using ImageService.Api.Hosting;
using ImageService.Api.OpenApi;
using ImageService.Api.Problems;
using ImageService.Lambda;
using ImageService.Lambda.Events;

namespace ImageService.Api.Billing;

/// <summary>
/// /billing: the plans (public), Stripe Checkout and the Billing Portal for the caller's account (bearer or X-API-Key),
/// and the webhook Stripe calls (public; its signature is the credential). The billing function also takes the hourly
/// EventBridge schedule (meter reports, events left unapplied). The routes that talk to Stripe answer 503
/// <c>billing-not-configured</c> in a process without a gateway (no secret key, or the Native AOT artifact).
/// </summary>
public static class BillingApi
{
    public static IEndpointRouteBuilder MapBillingApi(this IEndpointRouteBuilder routes, ApiRouteGroups groups)
    {
        ArgumentNullException.ThrowIfNull(routes);
        if (!groups.HasFlag(ApiRouteGroups.Billing))
        {
            return routes;
        }
        var billing = routes.MapGroup("/billing")
            .WithTags("Billing")
            .ProducesProblems(ProblemTypes.Internal, ProblemTypes.StorageUnavailable);

        billing.MapGet("/plans", BillingHandlers.ListPlans)
            .WithName("ListPlans")
            .WithSummary("Every plan with its limits and features, whether it can be bought, and which quotas bill overage.")
            .AllowAnonymous();
        billing.MapPost("/checkout", BillingHandlers.CreateCheckoutAsync)
            .WithName("CreateCheckout")
            .WithSummary("A Stripe Checkout URL that subscribes the caller's account to a plan: {\"plan\": \"pro\"}.")
            .WithDescription("The plan changes when Stripe's webhook reports the subscription (GET /account shows it). An account with a live subscription gets 409: change plans in the portal.")
            .RequireAuthorization()
            .ProducesProblems(ProblemTypes.Unauthorized, ProblemTypes.Forbidden, ProblemTypes.Validation, ProblemTypes.AlreadySubscribed,
                ProblemTypes.BillingNotConfigured, ProblemTypes.BillingProviderFailed);
        billing.MapPost("/portal", BillingHandlers.CreatePortalAsync)
            .WithName("CreatePortal")
            .WithSummary("A Stripe Billing Portal URL for the caller's account: payment methods, invoices, cancellation.")
            .RequireAuthorization()
            .ProducesProblems(ProblemTypes.Unauthorized, ProblemTypes.Forbidden, ProblemTypes.NotFound,
                ProblemTypes.BillingNotConfigured, ProblemTypes.BillingProviderFailed);
        billing.MapPost("/webhook", BillingHandlers.ReceiveWebhookAsync)
            .WithName("ReceiveStripeWebhook")
            .WithSummary("Stripe's events, verified by Stripe-Signature over the raw body; stored by id, then applied.")
            .AllowAnonymous()
            .ProducesProblems(ProblemTypes.WebhookSignatureInvalid, ProblemTypes.BillingNotConfigured);
        // The hourly schedule's work is mapped with the worker's sweep in one endpoint (Hosting/ScheduledWork.cs).
        return routes;
    }
}
