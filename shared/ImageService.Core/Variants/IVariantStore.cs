namespace ImageService.Core.Variants;

/// <summary>
/// An account's named variants, implemented by the embedded (SQLite) and AWS (DynamoDB) backends with the same
/// observable behaviour. Everything is scoped by owner: another owner's variant of the same name is a different
/// variant, and never visible.
/// </summary>
public interface IVariantStore
{
    /// <summary>The owner's variants, by name (ordinal).</summary>
    Task<IReadOnlyList<Variant>> ListAsync(string ownerId, CancellationToken cancellationToken = default);

    /// <summary>The owner's variant of this name, or null.</summary>
    Task<Variant?> GetAsync(string ownerId, string name, CancellationToken cancellationToken = default);

    /// <summary>Creates or replaces the variant (<see cref="Variant.OwnerId"/>, <see cref="Variant.Name"/>). A replace keeps the
    /// stored <see cref="Variant.CreatedAt"/>. Creating one more than <paramref name="maxVariants"/> is refused
    /// (<see cref="VariantPutStatus.LimitReached"/>, nothing written); replacing is always allowed.</summary>
    Task<VariantPutResult> PutAsync(Variant variant, int maxVariants, CancellationToken cancellationToken = default);

    /// <summary>Removes the variant and returns what it was, or null when there was none (idempotent).</summary>
    Task<Variant?> DeleteAsync(string ownerId, string name, CancellationToken cancellationToken = default);
}
