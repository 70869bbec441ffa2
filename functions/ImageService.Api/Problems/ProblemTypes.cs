using System.Collections.Frozen;
using System.Globalization;
using ImageService.Core.Billing;
using ImageService.Core.Delivery;
using ImageService.Core.Storage;

namespace ImageService.Api.Problems;

/// <summary>
/// The one table of problems (RFC 9457): every stable <c>type</c> the API answers with, its status and title, and the
/// mapping from Core's outcomes to them. Clients branch on the type, never on <c>detail</c>. Types are URNs:
/// identifiers, not links, so they stay valid wherever the service is hosted; they never change once published.
/// </summary>
public static class ProblemTypes
{
    public const string Prefix = "urn:imageservice:problem:";

    public const string Validation = Prefix + "validation";
    public const string Unauthorized = Prefix + "unauthorized";
    public const string Forbidden = Prefix + "forbidden";
    public const string NotFound = Prefix + "not-found";
    public const string MethodNotAllowed = Prefix + "method-not-allowed";
    public const string Conflict = Prefix + "conflict";
    public const string UploadMissing = Prefix + "upload-missing";
    public const string PreconditionFailed = Prefix + "precondition-failed";
    public const string TooLarge = Prefix + "too-large";
    public const string UsePresignedUpload = Prefix + "use-presigned-upload";
    public const string UnsupportedMediaType = Prefix + "unsupported-media-type";
    public const string UnprocessableImage = Prefix + "unprocessable-image";
    public const string TooManyRequests = Prefix + "too-many-requests";
    public const string QuotaExceeded = Prefix + "quota-exceeded";
    public const string PlanFeatureUnavailable = Prefix + "plan-feature-unavailable";
    public const string AccountSuspended = Prefix + "account-suspended";
    public const string OriginNotAllowed = Prefix + "origin-not-allowed";
    public const string SignatureRequired = Prefix + "signature-required";
    public const string SignatureInvalid = Prefix + "signature-invalid";
    public const string SignatureExpired = Prefix + "signature-expired";
    public const string VariantRequired = Prefix + "variant-required";
    public const string Internal = Prefix + "internal";
    public const string StorageUnavailable = Prefix + "storage-unavailable";
    public const string RenderQueueFull = Prefix + "render-queue-full";
    public const string BillingNotConfigured = Prefix + "billing-not-configured";
    public const string BillingProviderFailed = Prefix + "billing-provider-failed";
    public const string AlreadySubscribed = Prefix + "already-subscribed";
    public const string WebhookSignatureInvalid = Prefix + "webhook-signature-invalid";

    /// <summary>Every row, in the order the README lists them. Titles are sentences ending with a period.</summary>
    public static IReadOnlyList<ProblemKind> All { get; } =
    [
        new(Validation, 400, "The request is invalid.", "A field, parameter or body is malformed; `errors` lists each by name."),
        new(WebhookSignatureInvalid, 400, "The webhook signature is invalid.", "POST /billing/webhook with a missing, wrong or stale (over 5 minutes) `Stripe-Signature`; nothing was stored."),
        new(Unauthorized, 401, "Authentication is required.", "No valid bearer token or API key."),
        new(Forbidden, 403, "Forbidden.", "The credential is valid but may not do this (no owner id, an expired upload URL)."),
        new(PlanFeatureUnavailable, 403, "The plan does not include this feature.", "`feature` names it: avif, max-output-dimension, signed-urls, custom-domains."),
        new(AccountSuspended, 403, "The account is suspended.", "Delivery of a suspended account."),
        new(OriginNotAllowed, 403, "The origin is not allowed.", "The Origin or Referer is not among the account's allowed origins."),
        new(SignatureRequired, 403, "A signed URL is required.", "The account or plan requires `sig` and the URL has none."),
        new(SignatureInvalid, 403, "The signature is invalid.", "Wrong, tampered, malformed, or signed with a revoked key."),
        new(VariantRequired, 403, "Only variant URLs are served.", "The account's `allowArbitraryTransforms` is false: ask for `?variant={name}` (GET /account/variants)."),
        new(NotFound, 404, "Not found.", "No such image, key, variant, account or link for this caller (another owner's image included)."),
        new(MethodNotAllowed, 405, "Method not allowed.", "The path exists but not with this method."),
        new(Conflict, 409, "Conflict.", "The request clashes with stored state: a path or domain in use, an upload already complete, no key to sign with, too many keys or variants."),
        new(AlreadySubscribed, 409, "The account already has a subscription.", "POST /billing/checkout while subscribed: change or cancel the plan in the portal (`portal` names POST /billing/portal)."),
        new(UploadMissing, 409, "The upload has no file yet.", "POST /images/{id}/complete before the file was sent to the upload URL."),
        new(SignatureExpired, 410, "The signed URL has expired.", "Correctly signed, but past its `exp`."),
        new(PreconditionFailed, 412, "The resource has changed.", "If-Match names an older version; fetch it and retry with the new ETag."),
        new(TooLarge, 413, "The file is too large.", "Above `Uploads:MaxBytes` (or the request body limit)."),
        new(UsePresignedUpload, 413, "The file is too large to send inline.", "Above `Uploads:InlineMaxBytes`: use POST /images/uploads."),
        new(UnsupportedMediaType, 415, "Unsupported media type.", "The bytes are not an image format the service reads or allows."),
        new(UnprocessableImage, 422, "The image cannot be processed.", "A readable image the limits refuse (pixels, frames) or a corrupt one."),
        new(TooManyRequests, 429, "Too many requests.", "A rate limit (plan or uploads per minute); wait for Retry-After."),
        new(QuotaExceeded, 429, "The monthly quota is used up.", "`quota` names it (transformations, bandwidth); Retry-After is the next month."),
        new(Internal, 500, "An unexpected error occurred.", "A bug or an unexpected failure; quote `correlationId`."),
        new(BillingProviderFailed, 502, "The payment provider failed.", "Stripe refused or did not answer a checkout or portal request; retry."),
        new(StorageUnavailable, 503, "Storage is unavailable.", "The metadata or blob store did not answer; retry after Retry-After."),
        new(RenderQueueFull, 503, "Too many renders are waiting.", "This process renders `Imaging:MaxConcurrentRenders` images at once and no slot freed in time (`Imaging:MaxQueuedRenders` waiting, or `Imaging:RenderQueueTimeout` passed); retry after Retry-After."),
        new(BillingNotConfigured, 503, "Billing is not configured.", "This server has no Stripe secret key (`Billing:Stripe:SecretKey`), or runs an artifact without billing; everything else works."),
    ];

    private static readonly FrozenDictionary<string, ProblemKind> ByType = All.ToFrozenDictionary(k => k.Type, StringComparer.Ordinal);

    /// <summary>The row of a type from this table (a type not in it is a programming error).</summary>
    public static ProblemKind Get(string type) => ByType[type];

    public static ProblemKind? Find(string? type) => type is not null && ByType.TryGetValue(type, out var kind) ? kind : null;

    /// <summary>The general row for a status, for answers whose site named no type (framework errors, middleware).
    /// A status with no row (e.g. 408 from Kestrel) gets <c>…:{status}</c> and a generic title.</summary>
    public static ProblemKind ForStatus(int status) => status switch
    {
        400 => Get(Validation),
        401 => Get(Unauthorized),
        403 => Get(Forbidden),
        404 => Get(NotFound),
        405 => Get(MethodNotAllowed),
        409 => Get(Conflict),
        412 => Get(PreconditionFailed),
        413 => Get(TooLarge),
        415 => Get(UnsupportedMediaType),
        422 => Get(UnprocessableImage),
        429 => Get(TooManyRequests),
        503 => Get(StorageUnavailable),
        >= 500 => Get(Internal),
        _ => new(Prefix + status.ToString(CultureInfo.InvariantCulture), status, "The request failed.", "A status the service does not answer on purpose."),
    };

    public static ProblemKind For(DeliveryOutcome outcome) => Get(outcome switch
    {
        DeliveryOutcome.UnknownKey => NotFound,
        DeliveryOutcome.AccountSuspended => AccountSuspended,
        DeliveryOutcome.OriginNotAllowed => OriginNotAllowed,
        DeliveryOutcome.SignatureMissing => SignatureRequired,
        DeliveryOutcome.SignatureInvalid => SignatureInvalid,
        DeliveryOutcome.SignatureExpired => SignatureExpired,
        DeliveryOutcome.FeatureNotInPlan => PlanFeatureUnavailable,
        DeliveryOutcome.RateLimited => TooManyRequests,
        DeliveryOutcome.QuotaExceeded => QuotaExceeded,
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Not a refusal."),
    });

    public static ProblemKind For(PlanCheckOutcome outcome) => Get(outcome switch
    {
        PlanCheckOutcome.FeatureNotInPlan => PlanFeatureUnavailable,
        PlanCheckOutcome.RateLimited => TooManyRequests,
        PlanCheckOutcome.QuotaExceeded => QuotaExceeded,
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Not a refusal."),
    });

    /// <summary>The detail of a 404 for a missing stored item: it names what is missing.</summary>
    public static string NotFoundDetail(StoredItem item) => item switch
    {
        StoredItem.Image => "No image with this id exists.",
        StoredItem.Account => "No account with this id exists.",
        StoredItem.Key => "No key with this id exists.",
        _ => "A stored file of this image is missing.",
    };
}
