namespace ImageService.Core.Billing;

public enum PlanCheckOutcome
{
    Allowed,
    /// <summary>403: the plan lacks the feature.</summary>
    FeatureNotInPlan,
    /// <summary>429 with Retry-After.</summary>
    RateLimited,
    /// <summary>429 with the quota problem type; Retry-After is the start of next month.</summary>
    QuotaExceeded,
}
