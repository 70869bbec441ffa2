using ImageService.Core.Images;
using ImageService.Core.Imaging;

namespace ImageService.Core.Delivery;

/// <summary>Where one transform of one image lives: <see cref="Spec"/> has a concrete format (auto and original
/// resolved), <see cref="BlobKey"/> is its derived-result key. <see cref="Original"/> is set when resolving the format
/// already read the original (alpha decides f=auto without WebP/AVIF), so a render need not read it again.</summary>
public sealed record DerivedTarget(ImageRecord Image, TransformSpec Spec, string Format, string CanonicalKey, string BlobKey, byte[]? Original)
{
    /// <summary>Strong ETag: the original's hash (per image) and the canonical key (per transform and format).</summary>
    public string ETag => $"\"{Image.Sha256[..16]}-{Path.GetFileNameWithoutExtension(CanonicalKey)}\"";
}
