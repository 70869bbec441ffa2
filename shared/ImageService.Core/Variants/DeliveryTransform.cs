using ImageService.Core.Imaging;

namespace ImageService.Core.Variants;

/// <summary>The transform a delivery request asks for: <see cref="Spec"/> when <see cref="DeliveryTransformStatus.Resolved"/>
/// (<see cref="Variant"/> set when it came from <c>?variant=</c>), else why not.</summary>
public sealed record DeliveryTransform(
    DeliveryTransformStatus Status, TransformSpec? Spec, Variant? Variant, IReadOnlyDictionary<string, string[]> Errors)
{
    private static readonly IReadOnlyDictionary<string, string[]> NoErrors = new Dictionary<string, string[]>(StringComparer.Ordinal);

    public static DeliveryTransform Resolved(TransformSpec spec, Variant? variant = null) => new(DeliveryTransformStatus.Resolved, spec, variant, NoErrors);

    public static DeliveryTransform Invalid(IReadOnlyDictionary<string, string[]> errors) => new(DeliveryTransformStatus.Invalid, null, null, errors);

    public static DeliveryTransform Refused(DeliveryTransformStatus status) => new(status, null, null, NoErrors);
}
