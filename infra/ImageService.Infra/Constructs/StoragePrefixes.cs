namespace ImageService.Infra.Constructs;

/// <summary>
/// Top-level object prefixes in the image bucket (the same as ImageService.Core's BlobKeys; infra does not reference
/// application code). IAM grants and lifecycle rules target them one by one.
/// </summary>
public static class StoragePrefixes
{
    public const string Originals = "originals/";
    public const string Renditions = "renditions/";
    public const string Derived = "derived/";
    public const string Uploads = "uploads/";
}
