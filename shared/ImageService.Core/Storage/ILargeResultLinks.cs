namespace ImageService.Core.Storage;

/// <summary>Where a delivery response too large for the Lambda response cap redirects to: a short-lived URL of the
/// stored derived result. Each backend has its own (an S3 presigned GET on AWS; a signed link that the embedded
/// backend's own endpoint serves).</summary>
public interface ILargeResultLinks
{
    /// <summary>A URL of the stored blob <paramref name="blobKey"/> that works for <paramref name="lifetime"/>.
    /// <paramref name="requestOrigin"/> is the scheme, host and path base the delivery request came in on, for links
    /// served by the API itself.</summary>
    Task<Uri> CreateAsync(Uri requestOrigin, string blobKey, TimeSpan lifetime, CancellationToken cancellationToken);
}
