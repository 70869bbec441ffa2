using System.ComponentModel.DataAnnotations;

namespace ImageService.Api.Images;

/// <summary>Configuration section <c>Paging</c>.</summary>
public sealed record PagingOptions
{
    public const string SectionName = "Paging";

    /// <summary>Base64 HMAC key (at least 32 bytes) that signs list cursors. Every instance serving GET /images must
    /// share it (in AWS, set it on the list function). When empty a random key is used, so cursors do not survive a
    /// restart; a warning is logged.</summary>
    [StringLength(4096, MinimumLength = 44, ErrorMessage = "Paging:CursorKey must be base64 of at least 32 bytes (44 characters).")]
    [RegularExpression("^[A-Za-z0-9+/]+={0,2}$", ErrorMessage = "Paging:CursorKey must be base64 of at least 32 bytes.")]
    public string? CursorKey { get; set; }
}
