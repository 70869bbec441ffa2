namespace ImageService.Contracts.Accounts;

/// <summary>A signed delivery URL, the key that signed it (revoking the key invalidates the URL) and its expiry.</summary>
public sealed record SignedUrlResponse(string Url, string KeyId, DateTimeOffset? ExpiresAt);
