namespace ImageService.Core.Variants;

/// <summary>How <see cref="DeliveryTransforms"/> decided; the HTTP layer maps each to its answer.</summary>
public enum DeliveryTransformStatus
{
    /// <summary><see cref="DeliveryTransform.Spec"/> is the transform to serve.</summary>
    Resolved,
    /// <summary>Malformed parameters, or <c>variant</c> mixed with others (400; <see cref="DeliveryTransform.Errors"/>).</summary>
    Invalid,
    /// <summary><c>?variant=</c> names no variant of the account (404).</summary>
    VariantNotFound,
    /// <summary>The account serves only variant URLs (<see cref="Accounts.Account.AllowArbitraryTransforms"/> false; 403).</summary>
    VariantRequired,
}
