using ImageService.Api.Auth;
using ImageService.Api.Hosting;
using ImageService.Api.Problems;
using ImageService.Core.Accounts;
using ImageService.Core.Billing;
using ImageService.Core.Usage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ImageService.Api.Usage;

/// <summary>The caller's delivery usage per calendar month (UTC): GET /usage/current and GET /usage?month=YYYY-MM.
/// Counters are written after each delivery response is sent, so a just-finished request may take a moment to show.</summary>
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
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        usage.MapGet("/current", GetCurrentAsync)
            .WithName("GetCurrentUsage")
            .WithSummary("This month's requests, transformations, bytes served and derived-cache hits, with the plan's limits.");
        usage.MapGet("/", GetMonthAsync)
            .WithName("GetUsage")
            .WithSummary("One month's usage: month=YYYY-MM (UTC).")
            .ProducesProblem(400);
        return routes;
    }

    private static async Task<Ok<UsageResponse>> GetCurrentAsync(
        CurrentUser user, UsageRecorder usage, IAccountStore accounts, PlanCatalog plans, TimeProvider time, CancellationToken cancellationToken) =>
        await ReadAsync(user.Id, UsageMonth.Of(time.GetUtcNow()), usage, accounts, plans, cancellationToken);

    private static async Task<Results<Ok<UsageResponse>, ProblemHttpResult>> GetMonthAsync(
        string? month, CurrentUser user, UsageRecorder usage, IAccountStore accounts, PlanCatalog plans, CancellationToken cancellationToken)
    {
        if (!UsageMonth.TryParse(month, out var parsed))
        {
            return ApiProblems.Validation("month", "Give the month as YYYY-MM, e.g. 2026-11 (or use /usage/current).");
        }
        return await ReadAsync(user.Id, parsed, usage, accounts, plans, cancellationToken);
    }

    private static async Task<Ok<UsageResponse>> ReadAsync(
        string accountId, string month, UsageRecorder usage, IAccountStore accounts, PlanCatalog plans, CancellationToken cancellationToken)
    {
        // No account yet means no usage yet: reading must not create one.
        var account = await accounts.GetAsync(accountId, cancellationToken);
        var counters = await usage.GetAsync(accountId, month, cancellationToken);
        return TypedResults.Ok(UsageResponse.From(counters, plans.Get(account?.PlanId)));
    }
}
