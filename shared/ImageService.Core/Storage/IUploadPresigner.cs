namespace ImageService.Core.Storage;

/// <summary>
/// Issues a direct-to-storage upload for large files: S3 presigned POST in AWS, a signed local URL in the
/// embedded backend. The bytes land at <see cref="BlobKeys.Upload"/> and are processed on /complete.
/// </summary>
public interface IUploadPresigner
{
    Task<PresignedUpload> CreateAsync(string ownerId, string imageId, long maxBytes, TimeSpan lifetime, CancellationToken cancellationToken = default);
}

/// <summary>What the client needs to send the file: for POST, a multipart form with <see cref="Fields"/>
/// first and the file last as field "file"; for PUT, the body with <see cref="Headers"/>.</summary>
public sealed record PresignedUpload(
    string Url,
    string Method,
    IReadOnlyDictionary<string, string> Fields,
    IReadOnlyDictionary<string, string> Headers,
    DateTimeOffset ExpiresAt,
    long MaxBytes);
