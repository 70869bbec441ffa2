namespace ImageService.Core.Images;

/// <summary>
/// One page request of an owner's images, newest first. <see cref="After"/> is the store's own raw
/// continuation position from the previous page (the API wraps it in a tamper-proof cursor; stores never
/// see or trust client input directly).
/// </summary>
public sealed record ImageQuery
{
    public required string OwnerId { get; init; }
    public string? AlbumId { get; init; }
    public string? Tag { get; init; }
    public int Limit { get; init; } = 20;
    public string? After { get; init; }
}
