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

        var variant = await variants.GetAsync(account.Id, name, cancellationToken).ConfigureAwait(false);
        return variant is null
            ? DeliveryTransform.Refused(DeliveryTransformStatus.VariantNotFound)
            : DeliveryTransform.Resolved(variant.ToSpec(), variant);
    }
}
