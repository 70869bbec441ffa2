namespace ImageService.Api.Images;

/// <summary>Configuration section <c>Uploads</c>.</summary>
public sealed record UploadOptions
{
    public const string SectionName = "Uploads";

    /// <summary>Largest original accepted by any upload path (10 MiB).</summary>
    public long MaxBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Largest file accepted inline by POST /images. Lambda carries at most 6 MB per request, about 4.5 MB of
    /// binary after base64, so the default leaves room for the multipart envelope; larger files use the presigned flow.</summary>
    public long InlineMaxBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>How long a presigned upload URL stays valid.</summary>
    public TimeSpan PresignedLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Uploads (inline, presign and complete together) per user per minute before 429.</summary>
    public int PerUserPerMinute { get; set; } = 120;
}
