using System.Globalization;
using ImageService.Contracts.Jobs;
using ImageService.Core.Jobs;

namespace ImageService.Api.Jobs;

public sealed partial class JobPlanner
{
    private async Task<JobPlan> PlanRenderAsync(Job job, CreateJobRequest request, CancellationToken cancellationToken)
    {
        var names = request.Variants?.Distinct(StringComparer.Ordinal).ToList() ?? [];
        if (names.Count == 0)
        {
            return JobPlan.Invalid("variants", "Name one or more of your variants (GET /account/variants).");
        }
        var missing = new List<string>();
        foreach (var name in names)
        {
            if (await variants.GetAsync(job.OwnerId, name, cancellationToken).ConfigureAwait(false) is null)
            {
                missing.Add(name);
            }
        }
        if (missing.Count > 0)
        {
            return JobPlan.Invalid("variants", $"You have no variants {string.Join(", ", missing.Take(20))}.");
        }
        var (imageIds, errors) = await ImagesOfAsync(job, request, options.Value.MaxItemsPerJob / names.Count, cancellationToken).ConfigureAwait(false);
        if (errors.Count > 0)
        {
            return JobPlan.Invalid(errors);
        }
        var items = new List<JobItem>(imageIds.Count * names.Count);
        foreach (var imageId in imageIds)
        {
            foreach (var name in names)
            {
                items.Add(new JobItem { ItemId = items.Count.ToString(CultureInfo.InvariantCulture), ImageId = imageId, Variant = name });
            }
        }
        return new JobPlan(job with { Total = items.Count, Variants = names, AlbumId = request.AlbumId }, items, []);
    }
}
