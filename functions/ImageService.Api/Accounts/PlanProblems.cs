using ImageService.Core.Billing;
using ImageService.Api.Observability;
using ImageService.Api.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ImageService.Api.Accounts;

/// <summary>problem+json for a plan refusal: 403 naming the feature (<c>feature</c>: avif, max-output-dimension,
/// signed-urls, custom-domains) or 429 naming the quota (<c>quota</c>: transformations, bandwidth) with Retry-After.</summary>
internal static class PlanProblems
{
    public static ProblemHttpResult From(HttpContext context, PlanCheck check)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(check);
        // Every plan refusal passes here, so the refusal metrics are counted once, where the 429 is made.
        if (check.Outcome is PlanCheckOutcome.RateLimited or PlanCheckOutcome.QuotaExceeded
            && context.RequestServices.GetService<ServiceMetrics>() is { } metrics)
        {
            if (check.Outcome == PlanCheckOutcome.RateLimited)
            {
                metrics.RateLimited(RateLimitScope.Delivery);
            }
            else
            {
                metrics.QuotaRefused(check.Quota == QuotaKind.Transformations ? "transformations" : "bandwidth");
            }
        }
        var extensions = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (check.PlanId is not null)
        {
            extensions["plan"] = check.PlanId;
        }
        if (check.Feature is { } feature)
        {
            extensions["feature"] = feature.Name();
        }
        if (check.Quota is { } quota)
        {
            extensions["quota"] = quota == QuotaKind.Transformations ? "transformations" : "bandwidth";
        }
        if (check.RetryAfterSeconds is { } retry)
        {
            context.Response.Headers.RetryAfter = retry.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return ApiProblems.Problem(ProblemTypes.For(check.Outcome).Type, check.Detail, extensions);
    }
}
