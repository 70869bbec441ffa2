namespace ImageService.Api.Delivery;

/// <summary>Where a delivery response too large for the Lambda response cap redirects to: a short-lived URL of the
/// stored derived result (an S3 presigned GET in AWS; a signed URL of this API for the embedded backend).</summary>
public interface ILargeResultLinks
{
    Task<Uri> CreateAsync(HttpContext context, string blobKey, CancellationToken cancellationToken);
}
