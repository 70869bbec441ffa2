using ImageService.Core.Accounts;
using ImageService.Core.Imaging;

namespace ImageService.Core.Variants;

/// <summary>
/// Which transform a delivery URL asks for: <c>?variant={name}</c> alone (the variant's stored transform, nothing else
/// mixed in: a variant is the whole transform, so its URL means one thing and its change purges one thing), or the
/// URL's own parameters when the account allows arbitrary transforms. The account's default transform is not applied
/// under a variant (<see cref="Delivery.DeliveryGate"/> leaves it out), so changing it never changes a variant's output.
/// </summary>
public sealed class DeliveryTransforms(IVariantStore variants)
{
    public async Task<DeliveryTransform> ResolveAsync(
        Account account, IReadOnlyList<KeyValuePair<string, string?>> parameters, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(parameters);
        var named = parameters.Where(p => p.Key == VariantNames.Parameter).ToList();
        if (named.Count == 0)
        {
            if (!account.AllowArbitraryTransforms)
            {
                return DeliveryTransform.Refused(DeliveryTransformStatus.VariantRequired);
            }
            return TransformSpec.TryParse(parameters, out var spec, out var errors)
                ? DeliveryTransform.Resolved(spec)
                : DeliveryTransform.Invalid(errors);
        }

        return await ResolveVariantAsync(account.Id, parameters, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>?variant={name}</c> of <paramref name="ownerId"/> alone (no other parameter mixed in), whatever the account's
    /// <see cref="Account.AllowArbitraryTransforms"/>: what the owner's own content endpoint accepts besides transform
    /// parameters. Call it when a <c>variant</c> parameter is present.
    /// </summary>
    public async Task<DeliveryTransform> ResolveVariantAsync(
        string ownerId, IReadOnlyList<KeyValuePair<string, string?>> parameters, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(ownerId);
        ArgumentNullException.ThrowIfNull(parameters);
        var named = parameters.Where(p => p.Key == VariantNames.Parameter).ToList();
        if (named.Count == 0)
        {
            throw new ArgumentException($"No {VariantNames.Parameter} parameter is given.", nameof(parameters));
        }
        var problems = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var other in parameters.Where(p => p.Key != VariantNames.Parameter).Select(p => p.Key).Distinct(StringComparer.Ordinal))
        {
            problems[other] = [$"Cannot be combined with {VariantNames.Parameter}: a variant is the whole transform (change it with PUT /account/variants/{{name}})."];
        }
        var name = named[0].Value ?? "";
        if (named.Count > 1)
        {
            problems[VariantNames.Parameter] = ["Given more than once."];
        }
        else if (!VariantNames.IsValid(name))
        {
            problems[VariantNames.Parameter] = [$"A variant name is {VariantNames.Rule} Got '{name}'."];
        }
        if (problems.Count > 0)
        {
            return DeliveryTransform.Invalid(problems);
        }

        var variant = await variants.GetAsync(ownerId, name, cancellationToken).ConfigureAwait(false);
        return variant is null
            ? DeliveryTransform.Refused(DeliveryTransformStatus.VariantNotFound)
            : DeliveryTransform.Resolved(variant.ToSpec(), variant);
    }
}
