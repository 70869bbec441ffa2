using System.Text.Json;
using System.Text.Json.Serialization;
using ImageService.Api.Billing;
using ImageService.Api.Jobs;
using ImageService.Lambda;
using ImageService.Lambda.Events;

namespace ImageService.Api.Hosting;

/// <summary>
/// The one EventBridge schedule endpoint (<c>/_lambda/scheduled</c>, a Lambda event only). Each function's rule invokes
/// it, and it runs the scheduled work of the route groups the process serves: billing (apply stored Stripe events,
/// report meters; hourly) and the worker (the jobs outbox sweep; every few minutes). A process serving both (the
/// embedded all-groups app is never invoked by a schedule, but may map it) does both.
/// </summary>
public static class ScheduledWork
{
    public static IEndpointRouteBuilder MapScheduledWork(this IEndpointRouteBuilder routes, ApiRouteGroups groups)
    {
        ArgumentNullException.ThrowIfNull(routes);
        var billing = groups.HasFlag(ApiRouteGroups.Billing);
        var worker = groups.HasFlag(ApiRouteGroups.Worker);
        if (billing || worker)
        {
            routes.MapLambdaEvent(LambdaEventSource.Scheduled, LambdaEventsJsonContext.Default.ScheduledEvent,
                ScheduledWorkJsonContext.Default.ScheduledWorkResult, async (ScheduledEvent scheduled, HttpContext context) =>
                    new ScheduledWorkResult(
                        billing ? await BillingHandlers.RunScheduledAsync(scheduled, context) : null,
                        worker ? await context.RequestServices.GetRequiredService<JobOutboxSweeper>().SweepAsync(context.RequestAborted) : null));
        }
        return routes;
    }
}

/// <summary>What one scheduled invocation did, per part (absent when the process does not serve that group).</summary>
/// <param name="Billing">Stored Stripe events applied and meters reported.</param>
/// <param name="RequeuedJobs">Jobs whose items or callback the outbox sweep enqueued again.</param>
public sealed record ScheduledWorkResult(BillingScheduledResult? Billing, int? RequeuedJobs);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ScheduledWorkResult))]
internal sealed partial class ScheduledWorkJsonContext : JsonSerializerContext;
