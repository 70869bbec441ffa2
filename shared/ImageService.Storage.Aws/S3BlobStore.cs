using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using ImageService.Core.Storage;

namespace ImageService.Storage.Aws;

/// <summary><see cref="IBlobStore"/> on one S3 bucket. S3 object writes are atomic, as the port requires.</summary>
public sealed class S3BlobStore(IAmazonS3 s3, AwsStorageOptions storageOptions) : IBlobStore
{
    // DeleteObjects accepts at most 1000 keys per call.
    private const int DeleteBatch = 1000;

    private readonly string _bucket = storageOptions.BucketName;
    private readonly bool _plainBodies = AwsClients.DisablesChunkedEncoding(storageOptions, s3.Config.ServiceURL);

    public async Task PutAsync(string key, ReadOnlyMemory<byte> content, BlobWriteOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ValidateKey(key);
        using var body = new MemoryStream(content.ToArray(), writable: false);
        var request = new PutObjectRequest
        {
            BucketName = _bucket,
            Key = key,
            InputStream = body,
            ContentType = options.ContentType,
            AutoCloseStream = false,
            UseChunkEncoding = !_plainBodies,
        };
        if (options.CacheControl is not null)
        {
            request.Headers.CacheControl = options.CacheControl;
        }

        ApplyEncryption(request);
        await Guard(() => s3.PutObjectAsync(request, cancellationToken), cancellationToken);
    }

    public async Task<StoredBlob?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        ValidateKey(key);
        try
        {
            var response = await Guard(
                () => s3.GetObjectAsync(new GetObjectRequest { BucketName = _bucket, Key = key }, cancellationToken),
                cancellationToken);
            // Disposing the response stream releases the connection; the caller disposes the StoredBlob.
            return new StoredBlob(
                response.ResponseStream,
                response.ContentLength,
                response.Headers.ContentType ?? "application/octet-stream",
                response.LastModified is { } modified ? new DateTimeOffset(modified.ToUniversalTime()) : DateTimeOffset.UtcNow);
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task<bool> ExistsAsync(string key, CancellationToken cancellationToken = default)
    {
        ValidateKey(key);
        try
        {
            await Guard(
                () => s3.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = _bucket, Key = key }, cancellationToken),
                cancellationToken);
            return true;
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    public async Task DeletePrefixAsync(string prefix, CancellationToken cancellationToken = default)
    {
        // An empty prefix would empty the bucket: never what a caller of this port means.
        ValidateKey(prefix);
        var request = new ListObjectsV2Request { BucketName = _bucket, Prefix = prefix, MaxKeys = DeleteBatch };
        while (true)
        {
            var page = await Guard(() => s3.ListObjectsV2Async(request, cancellationToken), cancellationToken);
            var keys = (page.S3Objects ?? []).Select(o => o.Key).ToArray();
            if (keys.Length > 0)
            {
                await DeleteBatchAsync(keys, cancellationToken);
            }

            if (page.IsTruncated != true || string.IsNullOrEmpty(page.NextContinuationToken))
            {
                return;
            }

            request.ContinuationToken = page.NextContinuationToken;
        }
    }

    public async Task DeleteAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        foreach (var key in keys)
        {
            ValidateKey(key);
        }

        foreach (var batch in keys.Distinct(StringComparer.Ordinal).Chunk(DeleteBatch))
        {
            await DeleteBatchAsync(batch, cancellationToken);
        }
    }

    public async Task<bool> IsReadyAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = _bucket, MaxKeys = 1 }, cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is AmazonS3Exception || AwsFailures.IsUnavailable(ex, cancellationToken))
        {
            return false;
        }
    }

    private async Task DeleteBatchAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        var request = new DeleteObjectsRequest
        {
            BucketName = _bucket,
            Objects = keys.Select(k => new KeyVersion { Key = k }).ToList(),
            Quiet = true,
        };
        var response = await Guard(() => s3.DeleteObjectsAsync(request, cancellationToken), cancellationToken);
        // Absent keys are not errors in S3; anything reported here is a real failure (e.g. access denied).
        if (response.DeleteErrors is { Count: > 0 } errors)
        {
            var first = errors[0];
            throw new InvalidOperationException($"S3 refused to delete {errors.Count} object(s), first {first.Key}: {first.Code} {first.Message}");
        }
    }

    private void ApplyEncryption(PutObjectRequest request)
    {
        switch (storageOptions.ServerSideEncryption)
        {
            case AwsServerSideEncryption.Aes256:
                request.ServerSideEncryptionMethod = ServerSideEncryptionMethod.AES256;
                break;
            case AwsServerSideEncryption.Kms:
                request.ServerSideEncryptionMethod = ServerSideEncryptionMethod.AWSKMS;
                request.ServerSideEncryptionKeyManagementServiceKeyId = storageOptions.KmsKeyId;
                break;
            case AwsServerSideEncryption.None:
                break;
        }
    }

    /// <summary>Keys come from BlobKeys; anything that is not a plain relative path is refused.</summary>
    internal static void ValidateKey(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        if (key.StartsWith('/') || key.Contains('\\', StringComparison.Ordinal) || key.Contains("//", StringComparison.Ordinal)
            || key.Split('/').Any(segment => segment is "." or ".."))
        {
            throw new ArgumentException($"Storage key '{key}' is not a relative path.", nameof(key));
        }
    }

    private static async Task<T> Guard<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call();
        }
        catch (Exception ex) when (AwsFailures.IsUnavailable(ex, cancellationToken))
        {
            throw AwsFailures.Unavailable("S3", ex);
        }
    }
}
