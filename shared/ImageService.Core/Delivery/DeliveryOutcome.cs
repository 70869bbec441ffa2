namespace ImageService.Core.Delivery;

/// <summary>How <see cref="DeliveryGate"/> decided; <see cref="DeliveryAccess.StatusCode"/> gives the HTTP answer.</summary>
public enum DeliveryOutcome
{
    Allowed,
    /// <summary>404: no account has this public key.</summary>
    UnknownKey,
    /// <summary>403.</summary>
    AccountSuspended,
    /// <summary>403: Origin/Referer not in the account's allowed origins (or absent for a strict account).</summary>
    OriginNotAllowed,
    /// <summary>403: signing is required and there is no <c>sig</c>.</summary>
    SignatureMissing,
    /// <summary>403: tampered, wrong key, revoked key, malformed.</summary>
    SignatureInvalid,
    /// <summary>410.</summary>
    SignatureExpired,
    /// <summary>403: the URL is signed but the plan has no signed URLs.</summary>
    FeatureNotInPlan,
    /// <summary>429 with Retry-After.</summary>
    RateLimited,
    /// <summary>429 with the quota problem type (monthly bandwidth; the transformation quota is checked on a cache miss).</summary>
    QuotaExceeded,
}
