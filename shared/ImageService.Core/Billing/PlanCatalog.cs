namespace ImageService.Core.Billing;

/// <summary>
/// The plans the service sells, built once from configuration (by the composition root) and checked then, so a bad
/// configuration fails at startup rather than on a customer's request. Register as a singleton.
/// </summary>
public sealed class PlanCatalog
{
    private readonly Dictionary<string, Plan> _plans;

    public PlanCatalog(string defaultPlanId, IEnumerable<Plan> plans)
    {
        ArgumentNullException.ThrowIfNull(plans);
        _plans = new Dictionary<string, Plan>(StringComparer.Ordinal);
        foreach (var plan in plans)
        {
            Check(plan);
            _plans[plan.Id] = plan;
        }

        if (!_plans.TryGetValue(defaultPlanId, out var defaultPlan))
        {
            throw new InvalidOperationException($"Plans: the default plan '{defaultPlanId}' is not in the catalog.");
        }

        Default = defaultPlan;
    }

    public Plan Default { get; }

    public IReadOnlyCollection<Plan> All => _plans.Values;

    /// <summary>The plan with this id; an account whose plan was removed from configuration falls back to the default
    /// plan, so it keeps working with the most conservative limits instead of failing.</summary>
    public Plan Get(string? planId) =>
        planId is not null && _plans.TryGetValue(planId, out var plan) ? plan : Default;

    public bool TryGet(string planId, out Plan? plan) => _plans.TryGetValue(planId, out plan);

    private static void Check(Plan plan)
    {
        if (plan.MaxOutputDimension < 1 || plan.RequestsPerSecond < 1
            || plan.MonthlyTransformations < 0 || plan.MonthlyBandwidthBytes < 0)
        {
            throw new InvalidOperationException(
                $"Plans: '{plan.Id}' needs MaxOutputDimension and RequestsPerSecond >= 1 and non-negative monthly quotas.");
        }

        if (plan.SignedUrlsRequired && !plan.SignedUrls)
        {
            throw new InvalidOperationException($"Plans: '{plan.Id}' requires signed URLs but does not include them.");
        }
    }
}
