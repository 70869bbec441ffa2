namespace ImageService.Core.Variants;

/// <summary>What <see cref="IVariantStore.PutAsync"/> did: <see cref="Stored"/> is the variant as stored (null when
/// refused), <see cref="Previous"/> the one it replaced (whose cached results must be purged).</summary>
public sealed record VariantPutResult(VariantPutStatus Status, Variant? Stored, Variant? Previous);
