using ImageService.Contracts.Billing;

namespace ImageService.Dashboard.Services;

/// <summary>The <c>billing</c> member of GET /account, read from the same answer as the account (absent before
/// billing exists).</summary>
public sealed record AccountBilling(BillingStatusResponse? Billing);
