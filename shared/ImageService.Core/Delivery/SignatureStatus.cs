namespace ImageService.Core.Delivery;

/// <summary>Outcome of checking a delivery URL's <c>sig</c>; only the first two let the request through.</summary>
public enum SignatureStatus
{
    /// <summary>No <c>sig</c> and none required: serve.</summary>
    NotPresent,
    /// <summary>A valid, unexpired signature by an active key: serve.</summary>
    Valid,
    /// <summary>The account or plan requires signed URLs and there is no <c>sig</c>.</summary>
    Missing,
    /// <summary>Wrong signature, tampered URL, revoked key, malformed or repeated <c>sig</c>/<c>exp</c>.</summary>
    Invalid,
    /// <summary>Correctly signed but past its <c>exp</c>.</summary>
    Expired,
}
