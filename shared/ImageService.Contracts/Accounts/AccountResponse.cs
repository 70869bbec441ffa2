using ImageService.Contracts.Billing;

namespace ImageService.Contracts.Accounts;

/// <summary>GET /account and PATCH /account. <see cref="Status"/> is <c>active</c> or <c>suspended</c>; the ETag
/// header carries <see cref="Version"/> for PATCH's If-Match. <see cref="Plan"/> is the plan whose limits apply now;
/// <see cref="Billing"/> is the Stripe subscription behind it.</summary>
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
    string DeliveryBaseUrl,
    BillingStatusResponse Billing);
