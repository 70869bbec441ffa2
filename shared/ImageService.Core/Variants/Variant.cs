using ImageService.Core.Imaging;
using ImageService.Core.Storage;

namespace ImageService.Core.Variants;

/// <summary>
/// A named transform of one account (<c>PUT /account/variants/{name}</c>), delivered with <c>?variant={name}</c>.
/// <see cref="Transform"/> is the transform's canonical query (<see cref="TransformSpec.ToCanonicalQuery"/>): keys sorted,
/// defaults omitted, so two definitions that mean the same transform are stored the same and a change of meaning is a
/// change of text. <see cref="Eager"/> variants are rendered after each upload, before the first visitor asks.
/// </summary>
public sealed record Variant
{
    public required string OwnerId { get; init; }
    /// <summary><c>[a-z0-9-]{1,32}</c> (<see cref="VariantNames"/>), unique per owner.</summary>
    public required string Name { get; init; }
    public required string Transform { get; init; }
    public bool Eager { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The transform delivery and the renderer both use (one parse, so both address the same derived result).</summary>
    public TransformSpec ToSpec()
    {
        var parameters = Delivery.SignedUrls.ParseQuery(Transform).Select(p => new KeyValuePair<string, string?>(p.Key, p.Value));
        return TransformSpec.TryParse(parameters, out var spec, out _)
            ? spec
            : throw new InvalidOperationException($"The stored transform of variant {Name} does not parse: '{Transform}'.");
    }

    /// <summary>Every derived-result key this variant can have for one image: one per output format (f=auto and the
    /// original's format resolve to one of them), so a purge removes them all without listing storage.</summary>
    public IEnumerable<string> DerivedKeys(string imageId)
    {
        var spec = ToSpec();
        return OutputFormats.All.Select(format => BlobKeys.Derived(OwnerId, imageId, spec.CanonicalKey(format)));
    }
}
