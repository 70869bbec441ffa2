using ImageService.Core.Accounts;

namespace ImageService.Core.Delivery;

/// <summary>The result of <see cref="SignedUrls.Verify"/>; <see cref="Key"/> is the key that verified (for logs: its Id, never its hash).</summary>
public readonly record struct SignatureCheck(SignatureStatus Status, ApiKey? Key = null)
{
    /// <summary>True when the request may proceed (signature valid, or absent and not required).</summary>
    public bool Accepted => Status is SignatureStatus.Valid or SignatureStatus.NotPresent;

    /// <summary>The HTTP status the delivery route answers when not <see cref="Accepted"/>: 410 for expired, else 403.</summary>
    public int FailureStatusCode => Status == SignatureStatus.Expired ? 410 : 403;
}
