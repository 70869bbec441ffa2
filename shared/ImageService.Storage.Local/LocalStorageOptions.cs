using System.ComponentModel.DataAnnotations;

namespace ImageService.Storage.Local;

/// <summary>Settings of the embedded backend (configuration section <c>Storage</c>).</summary>
public sealed record LocalStorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>Root of everything the embedded backend stores: <c>blobs/</c>, <c>metadata.db</c> and its key file.
    /// Relative paths resolve against the current directory.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Storage:DataDirectory must name a directory.")]
    public string DataDirectory { get; set; } = ".data";

    /// <summary>Base64 HMAC key (at least 32 bytes) that signs local upload URLs. When empty, a random key is created
    /// once and kept in <c>&lt;DataDirectory&gt;/upload-signing.key</c>, so issued URLs survive a restart.</summary>
    [StringLength(4096, MinimumLength = 44, ErrorMessage = "Storage:UploadSigningKey must be base64 of at least 32 bytes (44 characters).")]
    [RegularExpression("^[A-Za-z0-9+/]+={0,2}$", ErrorMessage = "Storage:UploadSigningKey must be base64 of at least 32 bytes.")]
    public string? UploadSigningKey { get; set; }

    /// <summary>Base64 HMAC key (at least 32 bytes) for the links to large delivery results
    /// (<see cref="LocalLargeResultLinks"/>). Empty = a random key per process (links then stop working after a restart,
    /// which their short lifetime makes harmless).</summary>
    [StringLength(4096, MinimumLength = 44, ErrorMessage = "Storage:LargeResultLinkKey must be base64 of at least 32 bytes (44 characters).")]
    [RegularExpression("^[A-Za-z0-9+/]+={0,2}$", ErrorMessage = "Storage:LargeResultLinkKey must be base64 of at least 32 bytes.")]
    public string? LargeResultLinkKey { get; set; }

    /// <summary>Path of the API route that receives signed local uploads; the token is appended.</summary>
    [RegularExpression("^/[A-Za-z0-9._~/-]*$", ErrorMessage = "Storage:UploadPath must be a path starting with /, e.g. /uploads/.")]
    public string UploadPath { get; set; } = "/uploads/";

    /// <summary>How long a write waits for another connection's lock on a SQLite database before the request is
    /// answered 503 <c>storage-unavailable</c> (with Retry-After) instead of hanging.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public string FullDataDirectory => Path.GetFullPath(DataDirectory);
}
