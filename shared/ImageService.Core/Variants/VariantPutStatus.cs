namespace ImageService.Core.Variants;

public enum VariantPutStatus
{
    Created,
    Replaced,
    /// <summary>The owner has <see cref="VariantNames.MaxPerAccount"/> variants already; nothing was written.</summary>
    LimitReached,
}
