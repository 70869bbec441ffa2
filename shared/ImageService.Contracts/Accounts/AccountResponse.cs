namespace ImageService.Contracts.Accounts;

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
    IReadOnlyList<string> CustomDomains,
    string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long Version,
    string DeliveryBaseUrl);
