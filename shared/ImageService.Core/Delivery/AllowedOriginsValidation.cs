namespace ImageService.Core.Delivery;

/// <summary>
/// A submitted allowed-origins list, checked. When <see cref="IsValid"/>, store <see cref="Normalized"/> (lower-cased,
/// duplicates removed, order kept); otherwise answer 400 with <see cref="Errors"/>, one per bad entry.
/// </summary>
public sealed record AllowedOriginsValidation(IReadOnlyList<string> Normalized, IReadOnlyList<AllowedOriginError> Errors)
{
    public bool IsValid => Errors.Count == 0;
}
