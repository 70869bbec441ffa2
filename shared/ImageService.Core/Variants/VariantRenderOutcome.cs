namespace ImageService.Core.Variants;

/// <summary>What <see cref="IVariantRenderer.RenderAsync"/> did.</summary>
public enum VariantRenderOutcome
{
    /// <summary>At least one derived result was rendered and stored (and counted as a transformation).</summary>
    Rendered,
    /// <summary>Every derived result of the variant was stored already: nothing rendered, nothing counted.</summary>
    AlreadyPresent,
    /// <summary>The owner has no variant of this name (deleted meanwhile, or never there).</summary>
    VariantMissing,
    /// <summary>The owner has no ready image of this id (deleted meanwhile, or another owner's).</summary>
    ImageMissing,
    /// <summary>The account's plan refuses it now: the transform exceeds the plan (it may have changed since the variant
    /// was defined) or the month's transformation quota is used up. Delivery would refuse the same render.</summary>
    RefusedByPlan,
}
