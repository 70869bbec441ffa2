namespace ImageService.Api.Images;

/// <summary>Configuration section <c>Paging</c>.</summary>
public sealed record PagingOptions
{
    public const string SectionName = "Paging";

    /// <summary>Base64 HMAC key (at least 32 bytes) that signs list cursors. Every instance serving GET /images must
    /// share it (in AWS, set it on the list function). When empty a random key is used, so cursors do not survive a
    /// restart; a warning is logged.</summary>
    public string? CursorKey { get; set; }
}
