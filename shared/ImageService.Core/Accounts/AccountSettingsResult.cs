using ImageService.Core.Billing;

namespace ImageService.Core.Accounts;

/// <summary>
/// Outcome of <see cref="AccountSettings.Apply"/>: either <see cref="Updated"/> (version + 1, to write with
/// <see cref="IAccountStore.UpdateAsync"/> against the old version), or <see cref="Errors"/> (400, keyed like
/// <c>allowedOrigins[2]</c> or <c>defaultTransform.w</c>), or <see cref="Denied"/> (403 naming the plan feature).
/// </summary>
public sealed record AccountSettingsResult(Account? Updated, IReadOnlyDictionary<string, string[]> Errors, PlanCheck? Denied)
{
    public bool IsValid => Updated is not null;
}
