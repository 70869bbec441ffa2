using ImageService.Core.Accounts;
using ImageService.Core.Billing;

namespace ImageService.Api.Accounts;

/// <summary>GET /account and PATCH /account. <see cref="Status"/> is <c>active</c> or <c>suspended</c>; the ETag
/// header carries <see cref="Version"/> for PATCH's If-Match.</summary>
public sealed record AccountResponse(
    string Id,
    string PublicKey,
    PlanResponse Plan,
    IReadOnlyList<string> AllowedOrigins,
    bool StrictOrigins,
    bool RequireSignedUrls,
    string? DefaultTransform,
    bool AllowArbitraryTransforms,
    IReadOnlyList<string> CustomDomains,
    string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long Version,
    string DeliveryBaseUrl)
{
    public static AccountResponse From(Account account, Plan plan, string deliveryBaseUrl)
    {
        ArgumentNullException.ThrowIfNull(account);
        return new(account.Id, account.PublicKey, PlanResponse.From(plan), account.AllowedOrigins, account.StrictOrigins,
            account.RequireSignedUrls, account.DefaultTransform, account.AllowArbitraryTransforms, account.CustomDomains, account.Status == AccountStatus.Active ? "active" : "suspended",
            account.CreatedAt, account.UpdatedAt, account.Version, deliveryBaseUrl);
    }
}
