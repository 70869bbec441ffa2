using ImageService.Core.Accounts;

namespace ImageService.Core.Billing;

/// <summary>What applying a subscription to an account decided; <see cref="Updated"/> is the account to write when
/// <see cref="Outcome"/> is <see cref="BillingApplyOutcome.Applied"/>.</summary>
public sealed record BillingApplication(BillingApplyOutcome Outcome, Account? Updated = null);
