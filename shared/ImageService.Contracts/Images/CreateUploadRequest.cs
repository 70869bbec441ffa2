namespace ImageService.Contracts.Images;

/// <summary>Body of POST /images/uploads: the metadata the image will carry once completed (all optional).</summary>
public sealed record CreateUploadRequest
{
    public string? Title { get; init; }
    public string? Description { get; init; }
    public string? AlbumId { get; init; }
    public IReadOnlyList<string>? Tags { get; init; }
    /// <summary>The image's own name in delivery URLs (<c>products/red-shoe.jpg</c>), unique per owner.</summary>
    public string? Path { get; init; }
}
