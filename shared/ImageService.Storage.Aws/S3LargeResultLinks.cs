using Amazon.S3;
using Amazon.S3.Model;
using ImageService.Core.Storage;

namespace ImageService.Storage.Aws;

/// <summary>AWS backend: a presigned GET of the stored derived result, so the bytes never pass through Lambda.</summary>
public sealed class S3LargeResultLinks(IAmazonS3 s3, AwsStorageOptions options, TimeProvider time) : ILargeResultLinks
{
    public async Task<Uri> CreateAsync(Uri requestOrigin, string blobKey, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        var url = await s3.GetPreSignedURLAsync(new GetPreSignedUrlRequest
        {
            BucketName = options.BucketName,
            Key = blobKey,
            Verb = HttpVerb.GET,
            Expires = time.GetUtcNow().Add(lifetime).UtcDateTime,
        }).ConfigureAwait(false);
        return new Uri(url);
    }
}
