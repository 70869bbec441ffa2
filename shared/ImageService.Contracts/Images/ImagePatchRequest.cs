using System.Text.Json.Serialization;

namespace ImageService.Contracts.Images;

/// <summary>
/// JSON merge-patch style body of PATCH /images/{id}: a property that is absent stays unchanged, a property set to
/// null is cleared. The setters record presence, which plain nullable properties cannot express.
/// </summary>
public sealed class ImagePatchRequest
{
    private string? title;
    private string? description;
    private string? albumId;
    private IReadOnlyList<string>? tags;
    private string? path;

    public string? Title { get => title; set { title = value; HasTitle = true; } }

    public string? Description { get => description; set { description = value; HasDescription = true; } }

    public string? AlbumId { get => albumId; set { albumId = value; HasAlbumId = true; } }

    /// <summary>Replaces all tags; null or [] removes them.</summary>
    public IReadOnlyList<string>? Tags { get => tags; set { tags = value; HasTags = true; } }

    /// <summary>The image's own name in delivery URLs (<c>/{publicKey}/{path}</c>); null clears it.</summary>
    public string? Path { get => path; set { path = value; HasPath = true; } }

    [JsonIgnore] public bool HasTitle { get; private set; }
    [JsonIgnore] public bool HasDescription { get; private set; }
    [JsonIgnore] public bool HasAlbumId { get; private set; }
    [JsonIgnore] public bool HasTags { get; private set; }
    [JsonIgnore] public bool HasPath { get; private set; }
}
