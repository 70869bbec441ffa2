using System.Collections.Concurrent;
using ImageService.Core.Accounts;

namespace ImageService.Core.Variants;

/// <summary>
/// Keeps the variant lookups of the delivery route (<c>?variant={name}</c>: one read per request otherwise) in memory for
/// <see cref="CachingAccountStore.Lifetime"/>, absence included (unknown names are junk worth not reading twice). The
/// same contract as the account cache: a put or delete through this decorator drops the owner's entries at once, so in
/// this process a changed variant is delivered on the next request; another process writing the same store is seen
/// after at most the lifetime (2 s). Lists pass through.
/// </summary>
public sealed class CachingVariantStore(IVariantStore inner, TimeProvider time) : IVariantStore
{
    private const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<(string OwnerId, string Name), Entry> _byName = new();

    // Bumped by every write, so a read that raced a write does not cache what it read (it may predate the write).
    private long _generation;

    public Task<IReadOnlyList<Variant>> ListAsync(string ownerId, CancellationToken cancellationToken = default) =>
        inner.ListAsync(ownerId, cancellationToken);

    public async Task<Variant?> GetAsync(string ownerId, string name, CancellationToken cancellationToken = default)
    {
        var key = (ownerId, name);
        var now = time.GetUtcNow();
        if (_byName.TryGetValue(key, out var cached) && cached.ExpiresAt > now)
        {
            return cached.Variant;
        }
        var generation = Interlocked.Read(ref _generation);
        var variant = await inner.GetAsync(ownerId, name, cancellationToken).ConfigureAwait(false);
        if (_byName.Count >= MaxEntries)
        {
            _byName.Clear();
        }
        _byName[key] = new Entry(variant, now + CachingAccountStore.Lifetime);
        if (Interlocked.Read(ref _generation) != generation)
        {
            _byName.TryRemove(key, out _);
        }
        return variant;
    }

    public async Task<VariantPutResult> PutAsync(Variant variant, int maxVariants, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(variant);
        try
        {
            return await inner.PutAsync(variant, maxVariants, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // Also after a failure: the write may have happened before the error reached us.
            Invalidate(variant.OwnerId);
        }
    }

    public async Task<Variant?> DeleteAsync(string ownerId, string name, CancellationToken cancellationToken = default)
    {
        try
        {
            return await inner.DeleteAsync(ownerId, name, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Invalidate(ownerId);
        }
    }

    private void Invalidate(string ownerId)
    {
        Interlocked.Increment(ref _generation);
        foreach (var key in _byName.Keys)
        {
            if (key.OwnerId == ownerId)
            {
                _byName.TryRemove(key, out _);
            }
        }
    }

    private sealed record Entry(Variant? Variant, DateTimeOffset ExpiresAt);
}
