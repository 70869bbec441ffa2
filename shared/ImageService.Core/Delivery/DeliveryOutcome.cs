namespace ImageService.Core.Delivery;

/// <summary>How <see cref="DeliveryGate"/> decided; the HTTP layer maps each refusal to its problem type.</summary>
public enum DeliveryOutcome
{
    Allowed,
    /// <summary>No account has this public key or custom domain.</summary>
    UnknownKey,
    AccountSuspended,
    /// <summary>Origin/Referer not in the account's allowed origins (or absent for a strict account).</summary>
    OriginNotAllowed,
    /// <summary>Signing is required and there is no <c>sig</c>.</summary>
    SignatureMissing,
    /// <summary>Tampered, wrong key, revoked key, malformed.</summary>
    SignatureInvalid,
    /// <summary>Correctly signed but past its <c>exp</c>.</summary>
    SignatureExpired,
    /// <summary>The plan lacks a feature the request needs (signed URLs, custom domains); <see cref="DeliveryAccess.PlanCheck"/> names it.</summary>
    FeatureNotInPlan,
    /// <summary>Over the plan's requests per second; retry after <see cref="DeliveryAccess.RetryAfterSeconds"/>.</summary>
    RateLimited,
    /// <summary>A monthly quota is used up (bandwidth here; the transformation quota is checked on a cache miss).</summary>
    QuotaExceeded,
}
