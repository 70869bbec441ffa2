using Amazon.S3;
using Amazon.S3.Model;
using ImageService.Core.Storage;

namespace ImageService.Storage.Aws;

/// <summary>
/// Presigned S3 POST: the policy pins the bucket, the exact key (<see cref="BlobKeys.Upload"/>), the size range
/// and the encryption header, so the client can send nothing else and nothing larger.
/// </summary>
public sealed class S3UploadPresigner(IAmazonS3 s3, AwsStorageOptions options, TimeProvider? timeProvider = null) : IUploadPresigner
{
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    public async Task<PresignedUpload> CreateAsync(string ownerId, string imageId, long maxBytes, TimeSpan lifetime, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lifetime, TimeSpan.Zero);
        var key = BlobKeys.Upload(ownerId, imageId);
        S3BlobStore.ValidateKey(key);
        var expiresAt = _time.GetUtcNow() + lifetime;
        var request = new CreatePresignedPostRequest
        {
            BucketName = options.BucketName,
            Key = key,
            Expires = expiresAt.UtcDateTime,
            Conditions = [S3PostCondition.ContentLengthRange(1, maxBytes)],
            Fields = new Dictionary<string, string>(StringComparer.Ordinal),
        };
        switch (options.ServerSideEncryption)
        {
            case AwsServerSideEncryption.Aes256:
                request.Fields["x-amz-server-side-encryption"] = "AES256";
                break;
            case AwsServerSideEncryption.Kms:
                request.Fields["x-amz-server-side-encryption"] = "aws:kms";
                if (options.KmsKeyId is not null)
                {
                    request.Fields["x-amz-server-side-encryption-aws-kms-key-id"] = options.KmsKeyId;
                }

                break;
            case AwsServerSideEncryption.None:
                break;
        }

        CreatePresignedPostResponse response;
        try
        {
            response = await s3.CreatePresignedPostAsync(request);
        }
        catch (Exception ex) when (AwsFailures.IsUnavailable(ex, cancellationToken))
        {
            // Signing is local, but resolving credentials (IMDS, SSO) may need the network.
            throw AwsFailures.Unavailable("AWS credentials", ex);
        }

        return new PresignedUpload(
            response.Url,
            "POST",
            new Dictionary<string, string>(response.Fields, StringComparer.Ordinal),
            new Dictionary<string, string>(StringComparer.Ordinal),
            expiresAt,
            maxBytes);
    }
}
