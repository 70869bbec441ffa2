namespace ImageService.Core.Delivery;

/// <summary>Outcome of checking a delivery URL's <c>sig</c>; the comments give the delivery route's answer.</summary>
public enum SignatureStatus
{
    /// <summary>No <c>sig</c> and none required: serve.</summary>
    NotPresent,
    /// <summary>A valid, unexpired signature by an active key: serve.</summary>
    Valid,
    /// <summary>The account or plan requires signed URLs and there is no <c>sig</c>: 403.</summary>
    Missing,
    /// <summary>Wrong signature, tampered URL, revoked key, malformed or repeated <c>sig</c>/<c>exp</c>: 403.</summary>
    Invalid,
    /// <summary>Correctly signed but past its <c>exp</c>: 410.</summary>
    Expired,
}
