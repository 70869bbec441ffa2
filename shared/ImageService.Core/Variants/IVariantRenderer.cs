namespace ImageService.Core.Variants;

/// <summary>
/// Renders one variant of one image into the derived store exactly as a delivery miss of
/// <c>/{publicKey}/{imageId}?variant={name}</c> would (same key), so the first delivery afterwards is a derived hit.
/// Idempotent: a result already stored is neither rendered again nor counted again, so a queue may deliver the same
/// work twice.
/// </summary>
public interface IVariantRenderer
{
    Task<VariantRenderOutcome> RenderAsync(string ownerId, string imageId, string variantName, CancellationToken ct);
}
