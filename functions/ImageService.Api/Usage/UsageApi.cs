using ImageService.Api.Hosting;
using ImageService.Api.OpenApi;
using ImageService.Api.Problems;
using ImageService.Core.Usage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ImageService.Api.Usage;

/// <summary>The caller's delivery usage per calendar month (UTC): GET /usage/current and GET /usage?month=YYYY-MM.
/// Counters are written after each delivery response is sent, so a just-finished request may take a moment to show.
/// <c>reported</c> is the overage sent to Stripe's meters for that month (hourly).</summary>
public static class UsageApi
{
    public static IEndpointRouteBuilder MapUsageApi(this IEndpointRouteBuilder routes, ApiRouteGroups groups)
    {
        ArgumentNullException.ThrowIfNull(routes);
        if (!groups.HasFlag(ApiRouteGroups.Account))
        {
            return routes;
        }
        var usage = routes.MapGroup("/usage")
            .RequireAuthorization()
            .WithTags("Usage")
            .ProducesProblems(ProblemTypes.Unauthorized, ProblemTypes.Forbidden, ProblemTypes.Internal, ProblemTypes.StorageUnavailable);
        usage.MapGet("/current", GetCurrentAsync)
            .WithName("GetCurrentUsage")
            .WithSummary("This month's requests, transformations, bytes served and derived-cache hits, with the plan's limits.");
        usage.MapGet("/", GetMonthAsync)
            .WithName("GetUsage")
            .WithSummary("One month's usage: month=YYYY-MM (UTC).")
            .ProducesProblems(ProblemTypes.Validation);
        return routes;
    }

    private static async Task<Ok<UsageResponse>> GetCurrentAsync([AsParameters] UsageServices services) =>
        await ReadAsync(UsageMonth.Of(services.Time.GetUtcNow()), services);

    private static async Task<Results<Ok<UsageResponse>, ProblemHttpResult>> GetMonthAsync(string? month, [AsParameters] UsageServices services)
    {
        if (!UsageMonth.TryParse(month, out var parsed))
        {
            return ApiProblems.Validation("month", "Give the month as YYYY-MM, e.g. 2026-11 (or use /usage/current).");
        }
        return await ReadAsync(parsed, services);
    }

    private static async Task<Ok<UsageResponse>> ReadAsync(string month, UsageServices services)
    {
        var accountId = services.User.Id;
        // No account yet means no usage yet: reading must not create one.
        var account = await services.Accounts.GetAsync(accountId, services.CancellationToken);
        var counters = await services.Usage.GetAsync(accountId, month, services.CancellationToken);
        var plan = account is null ? services.Billing.Plans.Default : services.Billing.PlanOf(account, services.Time.GetUtcNow());
        var reports = account?.Billing.CustomerId is null ? [] : await services.BillingStore.ListReportsAsync(accountId, month, services.CancellationToken);
        return TypedResults.Ok(UsageResponse.From(counters, plan, ReportedUsageResponse.From(reports)));
    }
}
