namespace ImageService.Core.Billing;

/// <summary>What overage is metered: transformations past the plan's included ones, bandwidth bytes past its included bytes.</summary>
public enum BillingMeter
{
    Transformations,
    Bandwidth,
}
