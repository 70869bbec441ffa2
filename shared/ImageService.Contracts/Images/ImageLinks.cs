namespace ImageService.Contracts.Images;

/// <summary>Where to fetch an image's metadata and bytes (paths relative to the API's base URL).</summary>
public sealed record ImageLinks(string Self, string Original, string Display, string Thumbnail, string Content);
