namespace ImageService.Contracts.Accounts;

/// <summary>What the account's plan allows, so clients can explain a 403 or 429 before it happens.</summary>
public sealed record PlanResponse(
    string Id,
    string DisplayName,
    int MaxOutputDimension,
    bool AvifAllowed,
    bool SignedUrls,
    bool SignedUrlsRequired,
    bool CustomDomains,
    int RequestsPerSecond,
    long MonthlyTransformations,
    long MonthlyBandwidthBytes);
