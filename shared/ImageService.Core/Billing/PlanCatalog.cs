namespace ImageService.Core.Billing;

/// <summary>
/// The plans the service sells, read once from <see cref="PlanCatalogOptions"/> and checked then, so a bad
/// configuration fails at startup rather than on a customer's request. Register as a singleton.
/// </summary>
public sealed class PlanCatalog
{
    private readonly Dictionary<string, Plan> _plans;

    public PlanCatalog(PlanCatalogOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _plans = new Dictionary<string, Plan>(StringComparer.Ordinal);
        foreach (var (id, settings) in options.Plans)
        {
            _plans[id] = ToPlan(id, settings);
        }

        if (!_plans.TryGetValue(options.DefaultPlanId, out var defaultPlan))
        {
            throw new InvalidOperationException($"Plans: the default plan '{options.DefaultPlanId}' is not in the catalog.");
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

    private static Plan ToPlan(string id, PlanSettings settings)
    {
        if (settings.MaxOutputDimension < 1 || settings.RequestsPerSecond < 1
            || settings.MonthlyTransformations < 0 || settings.MonthlyBandwidthBytes < 0)
        {
            throw new InvalidOperationException(
                $"Plans: '{id}' needs MaxOutputDimension and RequestsPerSecond >= 1 and non-negative monthly quotas.");
        }

        if (settings.SignedUrlsRequired && !settings.SignedUrls)
        {
            throw new InvalidOperationException($"Plans: '{id}' requires signed URLs but does not include them.");
        }

        return new Plan
        {
            Id = id,
            DisplayName = string.IsNullOrWhiteSpace(settings.DisplayName) ? id : settings.DisplayName,
            MaxOutputDimension = settings.MaxOutputDimension,
            AvifAllowed = settings.AvifAllowed,
            SignedUrls = settings.SignedUrls,
            SignedUrlsRequired = settings.SignedUrlsRequired,
            CustomDomains = settings.CustomDomains,
            RequestsPerSecond = settings.RequestsPerSecond,
            MonthlyTransformations = settings.MonthlyTransformations,
            MonthlyBandwidthBytes = settings.MonthlyBandwidthBytes,
            StripePriceId = string.IsNullOrWhiteSpace(settings.StripePriceId) ? null : settings.StripePriceId,
        };
    }
}
