using ImageService.Core.Accounts;
using ImageService.Api.Billing;
using ImageService.Core.Billing;

namespace ImageService.Api.Accounts;

/// <summary>How Core's accounts, plans and keys become the shared contract records (ImageService.Contracts, which knows
/// nothing of Core), and a PATCH body becomes Core's change; extension members keep the call sites
/// <c>AccountResponse.From(…)</c>.</summary>
internal static class AccountContracts
{
    extension(AccountResponse)
    {
        /// <summary><paramref name="plan"/>: the plan whose limits apply now (<see cref="BillingPolicy.PlanOf"/>).</summary>
        public static AccountResponse From(Account account, Plan plan, string deliveryBaseUrl)
        {
            ArgumentNullException.ThrowIfNull(account);
            return new(account.Id, account.PublicKey, PlanResponse.From(plan), account.AllowedOrigins, account.StrictOrigins,
                account.RequireSignedUrls, account.DefaultTransform, account.AllowArbitraryTransforms, account.CustomDomains,
                account.Status == AccountStatus.Active ? "active" : "suspended",
                account.CreatedAt, account.UpdatedAt, account.Version, deliveryBaseUrl, BillingStatusResponse.From(account.Billing));
        }
    }

    extension(PlanResponse)
    {
        public static PlanResponse From(Plan plan)
        {
            ArgumentNullException.ThrowIfNull(plan);
            return new(plan.Id, plan.DisplayName, plan.MaxOutputDimension, plan.AvifAllowed, plan.SignedUrls, plan.SignedUrlsRequired,
                plan.CustomDomains, plan.RequestsPerSecond, plan.MonthlyTransformations, plan.MonthlyBandwidthBytes);
        }
    }

    extension(KeyResponse)
    {
        public static KeyResponse From(ApiKey key)
        {
            ArgumentNullException.ThrowIfNull(key);
            return new(key.Id, key.Name, key.Prefix, key.CreatedAt, key.RevokedAt, key.IsActive);
        }
    }

    /// <summary>Core's change: null there means "unchanged", so a present null becomes the setting's default.</summary>
    public static AccountSettingsChange ToChange(this AccountPatchRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new()
        {
            AllowedOrigins = request.HasAllowedOrigins ? request.AllowedOrigins ?? [] : null,
            StrictOrigins = request.HasStrictOrigins ? request.StrictOrigins ?? false : null,
            RequireSignedUrls = request.HasRequireSignedUrls ? request.RequireSignedUrls ?? false : null,
            DefaultTransform = request.HasDefaultTransform ? request.DefaultTransform ?? "" : null,
            CustomDomains = request.HasCustomDomains ? request.CustomDomains ?? [] : null,
            AllowArbitraryTransforms = request.HasAllowArbitraryTransforms ? request.AllowArbitraryTransforms ?? true : null,
        };
    }
}
