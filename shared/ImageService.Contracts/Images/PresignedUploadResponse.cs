namespace ImageService.Contracts.Images;

/// <summary>How to send the file for a large upload. For <c>PUT</c>, send the bytes as the body with
/// <see cref="Headers"/>; for <c>POST</c>, a multipart form with <see cref="Fields"/> first and the file last as
/// <c>file</c>. Then call <see cref="Complete"/>.</summary>
public sealed record PresignedUploadResponse(
    string ImageId,
    string Url,
    string Method,
    IReadOnlyDictionary<string, string> Fields,
    IReadOnlyDictionary<string, string> Headers,
    DateTimeOffset ExpiresAt,
    long MaxBytes,
    string Complete);
