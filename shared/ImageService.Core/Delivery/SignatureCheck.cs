using ImageService.Core.Accounts;

namespace ImageService.Core.Delivery;

/// <summary>The result of <see cref="SignedUrls.Verify"/>; <see cref="Key"/> is the key that verified (for logs: its Id, never its hash).</summary>
public readonly record struct SignatureCheck(SignatureStatus Status, ApiKey? Key = null)
{
    /// <summary>True when the request may proceed (signature valid, or absent and not required).</summary>
    public bool Accepted => Status is SignatureStatus.Valid or SignatureStatus.NotPresent;
}
