using ImageService.Core.Jobs;
using ImageService.Core.Variants;

namespace ImageService.Api.Jobs;

/// <summary>The <c>render-variants</c> job kind: each item renders one named variant of one image into the derived
/// store. The renderer is idempotent (a result already stored is not rendered again), so a duplicate delivery renders
/// nothing twice; a variant or image deleted since the job started fails its item.</summary>
public sealed class RenderVariantsJobHandler(IVariantRenderer renderer) : IJobKindHandler
{
    public string Kind => JobKinds.RenderVariants;

    public async Task<JobItemOutcome> ProcessAsync(Job job, JobItem item, Func<Task> started, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(started);
        await started().ConfigureAwait(false);
        var outcome = await renderer.RenderAsync(job.OwnerId, item.ImageId, item.Variant!, cancellationToken).ConfigureAwait(false);
        return outcome switch
        {
            VariantRenderOutcome.Rendered or VariantRenderOutcome.AlreadyPresent => JobItemOutcome.Done(),
            VariantRenderOutcome.VariantMissing => JobItemOutcome.Fail($"The variant {item.Variant} no longer exists."),
            VariantRenderOutcome.ImageMissing => JobItemOutcome.Fail($"Image {item.ImageId} no longer exists."),
            VariantRenderOutcome.RefusedByPlan => JobItemOutcome.Fail($"The plan refuses the variant {item.Variant} now (its limits or the month's transformations)."),
            _ => throw new InvalidOperationException($"Unexpected render outcome {outcome}."),
        };
    }
}
