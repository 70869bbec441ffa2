using System.Globalization;

namespace ImageService.Core.Billing;

/// <summary>
/// The result of a plan gate: the outcome, the feature or quota it names, a human detail and, when rate or quota
/// limited, how long to wait. The HTTP layer maps the outcome to its problem+json answer.
/// </summary>
public sealed record PlanCheck
{
    public static PlanCheck Allowed { get; } = new() { Outcome = PlanCheckOutcome.Allowed };

    public required PlanCheckOutcome Outcome { get; init; }
    public PlanFeature? Feature { get; init; }
    public QuotaKind? Quota { get; init; }
    public string? PlanId { get; init; }
    /// <summary>Whole seconds for the Retry-After header (at least 1) when rate or quota limited.</summary>
    public int? RetryAfterSeconds { get; init; }
    public string? Detail { get; init; }

    public bool IsAllowed => Outcome == PlanCheckOutcome.Allowed;

    public static PlanCheck FeatureNotInPlan(Plan plan, PlanFeature feature, string? detail = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return new PlanCheck
        {
            Outcome = PlanCheckOutcome.FeatureNotInPlan,
            Feature = feature,
            PlanId = plan.Id,
            Detail = detail ?? $"The {plan.DisplayName} plan does not include the '{feature.Name()}' feature.",
        };
    }

    public static PlanCheck RateLimited(Plan plan, int retryAfterSeconds)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return new PlanCheck
        {
            Outcome = PlanCheckOutcome.RateLimited,
            PlanId = plan.Id,
            RetryAfterSeconds = Math.Max(1, retryAfterSeconds),
            Detail = string.Create(CultureInfo.InvariantCulture,
                $"The {plan.DisplayName} plan allows {plan.RequestsPerSecond} requests per second."),
        };
    }

    public static PlanCheck QuotaExceeded(Plan plan, QuotaKind quota, long limit, int retryAfterSeconds)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var what = quota == QuotaKind.Transformations ? "transformations" : "bytes of bandwidth";
        return new PlanCheck
        {
            Outcome = PlanCheckOutcome.QuotaExceeded,
            Quota = quota,
            PlanId = plan.Id,
            RetryAfterSeconds = Math.Max(1, retryAfterSeconds),
            Detail = string.Create(CultureInfo.InvariantCulture,
                $"The monthly quota of {limit} {what} of the {plan.DisplayName} plan is used up."),
        };
    }
}
