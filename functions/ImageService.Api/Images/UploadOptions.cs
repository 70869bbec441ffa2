using System.ComponentModel.DataAnnotations;
using ImageService.Api.Hosting.Configuration;

namespace ImageService.Api.Images;

/// <summary>Configuration section <c>Uploads</c>.</summary>
public sealed record UploadOptions
{
    public const string SectionName = "Uploads";

    /// <summary>Largest original accepted by any upload path (10 MiB).</summary>
    [Range(1, long.MaxValue)]
    public long MaxBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Largest file accepted inline by POST /images. Lambda carries at most 6 MB per request, about 4.5 MB of
    /// binary after base64, so the default leaves room for the multipart envelope; larger files use the presigned flow.</summary>
    [Range(1, long.MaxValue)]
    public long InlineMaxBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>How long a presigned upload URL stays valid.</summary>
    [TimeSpanRange("00:00:01", "7.00:00:00", ErrorMessage = "Uploads:PresignedLifetime must be between 1 second and 7 days (S3's limit).")]
    public TimeSpan PresignedLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Uploads (inline, presign and complete together) per user per minute before 429.</summary>
    [Range(1, int.MaxValue)]
    public int PerUserPerMinute { get; set; } = 120;
}
