namespace ImageService.Core.Billing;

public enum PlanCheckOutcome
{
    Allowed,
    /// <summary>The plan lacks the feature (<see cref="PlanCheck.Feature"/>).</summary>
    FeatureNotInPlan,
    /// <summary>Over the plan's requests per second; retry after <see cref="PlanCheck.RetryAfterSeconds"/>.</summary>
    RateLimited,
    /// <summary>A monthly quota (<see cref="PlanCheck.Quota"/>) is used up; retry at the start of next month.</summary>
    QuotaExceeded,
}
