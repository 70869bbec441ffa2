using ImageService.Core.Billing;

namespace ImageService.Api.Billing;

/// <summary>One plan of GET /billing/plans: limits, features, whether it can be bought here (a price and a configured
/// billing gateway) and which quotas bill overage instead of refusing.</summary>
public sealed record BillingPlanResponse(
    string Id,
    string DisplayName,
    int MaxOutputDimension,
    bool AvifAllowed,
    bool SignedUrls,
    bool SignedUrlsRequired,
    bool CustomDomains,
    int RequestsPerSecond,
    long MonthlyTransformations,
    long MonthlyBandwidthBytes,
    bool Purchasable,
    bool TransformationsOverage,
    bool BandwidthOverage)
{
    public static BillingPlanResponse From(Plan plan, bool billingConfigured)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return new(plan.Id, plan.DisplayName, plan.MaxOutputDimension, plan.AvifAllowed, plan.SignedUrls, plan.SignedUrlsRequired,
            plan.CustomDomains, plan.RequestsPerSecond, plan.MonthlyTransformations, plan.MonthlyBandwidthBytes,
            billingConfigured && plan.Purchasable, plan.TransformationsOveragePriceId is not null, plan.BandwidthOveragePriceId is not null);
    }
}
