using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using ImageService.Core.CdnLogs;

namespace ImageService.Storage.Aws;

/// <summary>Reads CloudFront's access log objects from the log bucket the S3 notification names (not the image bucket).</summary>
public sealed class S3CdnLogObjects(IAmazonS3 s3) : ICdnLogObjects
{
    public async Task<Stream?> OpenAsync(string bucket, string key, CancellationToken cancellationToken = default)
    {
        try
        {
            var response = await s3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = key }, cancellationToken);
            // Disposing the response stream releases the connection; the caller disposes it.
            return response.ResponseStream;
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            // Expired by the lifecycle rule (or deleted) before a late retry of its notification: nothing to count.
            return null;
        }
        catch (Exception ex) when (AwsFailures.IsUnavailable(ex, cancellationToken))
        {
            throw AwsFailures.Unavailable("S3", ex);
        }
    }
}
