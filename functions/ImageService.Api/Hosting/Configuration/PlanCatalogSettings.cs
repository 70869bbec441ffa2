using System.Globalization;
using Microsoft.Extensions.Options;

namespace ImageService.Api.Hosting.Configuration;

/// <summary>
/// The plan catalog from configuration: <c>Plans:DefaultPlanId</c>, and every other child of <c>Plans</c> is a plan
/// by id whose fields override the code defaults (<c>Plans:pro:StripePriceId</c>, <c>Plans__pro__StripePriceId</c>
/// in the environment); a new id adds a plan. Validated at start with the key of each bad value.
/// </summary>
internal static class PlanCatalogSettings
{
    public const string DefaultPlanIdKey = "DefaultPlanId";

    public static IServiceCollection AddPlanCatalog(this IServiceCollection services)
    {
        services.AddValidator<PlanCatalogOptions, PlanCatalogValidator>();
        services.AddOptions<PlanCatalogOptions>()
            .Configure<IConfiguration>((options, configuration) => Bind(options, configuration.GetSection(PlanCatalogOptions.SectionName)))
            .ValidatedAtStart();
        return services;
    }

    internal static void Bind(PlanCatalogOptions options, IConfigurationSection section)
    {
        if (section[DefaultPlanIdKey] is { Length: > 0 } defaultPlan)
        {
            options.DefaultPlanId = defaultPlan;
        }
        foreach (var plan in section.GetChildren().Where(child => child.Key != DefaultPlanIdKey))
        {
            if (!options.Plans.TryGetValue(plan.Key, out var settings))
            {
                options.Plans[plan.Key] = settings = new PlanSettings();
            }
            plan.Bind(settings);
        }
    }

    private sealed class PlanCatalogValidator : IValidateOptions<PlanCatalogOptions>
    {
        public ValidateOptionsResult Validate(string? name, PlanCatalogOptions options)
        {
            var failures = new List<string>();
            if (!options.Plans.ContainsKey(options.DefaultPlanId))
            {
                failures.Add($"Plans:{DefaultPlanIdKey} '{options.DefaultPlanId}' is not a plan (plans: {string.Join(", ", options.Plans.Keys)}).");
            }
            foreach (var (id, plan) in options.Plans)
            {
                Check(failures, plan.MaxOutputDimension is >= 1 and <= 8192, id, nameof(plan.MaxOutputDimension), "between 1 and 8192");
                Check(failures, plan.RequestsPerSecond >= 1, id, nameof(plan.RequestsPerSecond), "at least 1");
                Check(failures, plan.MonthlyTransformations >= 0, id, nameof(plan.MonthlyTransformations), "0 or more");
                Check(failures, plan.MonthlyBandwidthBytes >= 0, id, nameof(plan.MonthlyBandwidthBytes), "0 or more");
            }
            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }

        private static void Check(List<string> failures, bool valid, string plan, string field, string rule)
        {
            if (!valid)
            {
                failures.Add(string.Create(CultureInfo.InvariantCulture, $"Plans:{plan}:{field} must be {rule}."));
            }
        }
    }
}
