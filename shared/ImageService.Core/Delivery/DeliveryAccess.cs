using ImageService.Core.Accounts;
using ImageService.Core.Billing;
using ImageService.Core.Usage;

namespace ImageService.Core.Delivery;

/// <summary>
/// The verdict of <see cref="DeliveryGate"/>. When <see cref="IsAllowed"/>, it carries what the rest of the request
/// needs: the account and plan, the transform parameters (without <c>sig</c>/<c>exp</c>), the CORS header value, the
/// month's usage before this request (for the transformation quota on a cache miss) and the rate-limit state (for
/// RateLimit headers). Otherwise <see cref="Outcome"/> says why and <see cref="Detail"/> says it to a person; the HTTP
/// layer maps the outcome to its answer.
/// </summary>
public sealed record DeliveryAccess
{
    public required DeliveryOutcome Outcome { get; init; }
    public string? Detail { get; init; }
    public Account? Account { get; init; }
    public Plan? Plan { get; init; }
    /// <summary>The query parameters minus <c>sig</c> and <c>exp</c>, decoded, in request order, followed by the account's
    /// default transform parameters the URL does not set: typed for <c>TransformSpec.TryParse</c>.</summary>
    public IReadOnlyList<KeyValuePair<string, string?>> TransformParameters { get; init; } = [];
    /// <summary>Value for <c>Access-Control-Allow-Origin</c> (null = none; add <c>Vary: Origin</c> when it echoes the Origin).</summary>
    public string? AccessControlAllowOrigin { get; init; }
    public UsageCounters? Usage { get; init; }
    public RateLimitDecision? Rate { get; init; }
    /// <summary>Id of the key that verified the signature (for logs), null when unsigned.</summary>
    public string? SigningKeyId { get; init; }
    /// <summary>The plan refusal behind <see cref="DeliveryOutcome.FeatureNotInPlan"/>, <see cref="DeliveryOutcome.RateLimited"/>
    /// and <see cref="DeliveryOutcome.QuotaExceeded"/>.</summary>
    public PlanCheck? PlanCheck { get; init; }

    /// <summary>Quotas with an overage price bill the excess instead of refusing (<see cref="BillingPolicy.BillsOverage"/>).</summary>
    public bool BillsOverage { get; init; }

    public bool IsAllowed => Outcome == DeliveryOutcome.Allowed;

    /// <summary>Seconds for Retry-After on 429s.</summary>
    public int? RetryAfterSeconds => PlanCheck?.RetryAfterSeconds;
}
