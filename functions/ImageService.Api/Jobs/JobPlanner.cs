using System.Text.Json;
using ImageService.Contracts.Jobs;
using ImageService.Core.Accounts;
using ImageService.Core.Ids;
using ImageService.Core.Images;
using ImageService.Core.Jobs;
using ImageService.Core.Variants;
using ImageService.Core.Workflows;
using Microsoft.Extensions.Options;

namespace ImageService.Api.Jobs;

/// <summary>
/// Turns a <c>POST /jobs</c> body into a job and its items, or into per-field errors. render-variants: one item per
/// image and variant, the images named, an album's or all of the owner's (enumerated now: images added later are
/// not part of the job), at most <see cref="JobsOptions.MaxItemsPerJob"/>. workflow: one item, the source image.
/// </summary>
public sealed partial class JobPlanner(
    IImageMetadataStore images,
    IAccountStore accounts,
    IVariantStore variants,
    WorkflowCatalog workflows,
    ImageIdGenerator ids,
    IOptions<JobsOptions> options,
    TimeProvider time)
{
    public const int MaxImageIds = 1000;
    private const int ListPageSize = 100;

    public async Task<JobPlan> PlanAsync(string ownerId, CreateJobRequest? request, CancellationToken cancellationToken)
    {
        if (request is null)
        {
            return JobPlan.Invalid("kind", $"Send a JSON body with kind {JobKinds.RenderVariants} or {JobKinds.Workflow}.");
        }
        var job = new Job
        {
            Id = NewJobId(),
            OwnerId = ownerId,
            Kind = request.Kind ?? "",
            Status = JobStatus.Queued,
            Total = 0,
            CreatedAt = time.GetUtcNow(),
        };
        if (request.CallbackUrl is { } callback)
        {
            if (CallbackAddresses.Problem(callback, options.Value.CallbackAllowPrivateNetworks) is { } problem)
            {
                return JobPlan.Invalid("callbackUrl", problem);
            }
            if ((await accounts.ListActiveKeysAsync(ownerId, cancellationToken).ConfigureAwait(false)).Count == 0)
            {
                return JobPlan.Invalid("callbackUrl", "Callbacks are signed with your secret key: create one first (POST /account/keys).");
            }
            job = job with { CallbackUrl = callback };
        }
        return request.Kind switch
        {
            JobKinds.Workflow => await PlanWorkflowAsync(job, request, cancellationToken).ConfigureAwait(false),
            JobKinds.RenderVariants => await PlanRenderAsync(job, request, cancellationToken).ConfigureAwait(false),
            _ => JobPlan.Invalid("kind", $"One of {JobKinds.RenderVariants}, {JobKinds.Workflow}."),
        };
    }

    /// <summary>A new job id: <c>job_</c> and a time-ordered id, so ids sort like the jobs' creation.</summary>
    public string NewJobId() => "job_" + ids.NewId();

    private async Task<JobPlan> PlanWorkflowAsync(Job job, CreateJobRequest request, CancellationToken cancellationToken)
    {
        if (workflows.All.Count == 0)
        {
            return JobPlan.Invalid("workflow", "No workflow provider is configured on this service (GET /workflows is empty).");
        }
        if (workflows.Find(request.Workflow) is not { } workflow)
        {
            return JobPlan.Invalid("workflow", $"One of {string.Join(", ", workflows.All.Select(w => w.Name))} (GET /workflows).");
        }
        var errors = WorkflowCatalog.Validate(workflow, request.Parameters);
        if (string.IsNullOrEmpty(request.ImageId))
        {
            errors["imageId"] = ["The image to run the workflow on."];
        }
        else if (await FindReadyAsync(job.OwnerId, request.ImageId, cancellationToken).ConfigureAwait(false) is null)
        {
            errors["imageId"] = [$"You have no image {request.ImageId}."];
        }
        if (errors.Count > 0)
        {
            return JobPlan.Invalid(errors);
        }
        var parameters = request.Parameters is { ValueKind: JsonValueKind.Object } value ? value.GetRawText() : "{}";
        return new JobPlan(job with { Total = 1, Workflow = workflow.Name, ImageId = request.ImageId, ParametersJson = parameters },
            [new JobItem { ItemId = "0", ImageId = request.ImageId! }], []);
    }

    private async Task<ImageRecord?> FindReadyAsync(string ownerId, string imageId, CancellationToken cancellationToken) =>
        ImageIds.IsValid(imageId) && await images.GetAsync(ownerId, imageId, cancellationToken).ConfigureAwait(false) is { Status: ImageStatus.Ready } image
            ? image
            : null;

    /// <summary>The images a render-variants job covers, or an error under <c>imageIds</c>/<c>albumId</c>/<c>all</c>.</summary>
    private async Task<(IReadOnlyList<string> ImageIds, Dictionary<string, string[]> Errors)> ImagesOfAsync(Job job, CreateJobRequest request,
        int limit, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var selectors = (request.ImageIds is not null ? 1 : 0) + (request.AlbumId is not null ? 1 : 0) + (request.All == true ? 1 : 0);
        if (selectors != 1)
        {
            errors["imageIds"] = ["Name the images with exactly one of imageIds, albumId or \"all\": true."];
            return ([], errors);
        }
        if (request.ImageIds is { } named)
        {
            if (named.Count is 0 or > MaxImageIds)
            {
                errors["imageIds"] = [$"1 to {MaxImageIds} image ids."];
                return ([], errors);
            }
            var missing = new List<string>();
            foreach (var id in named.Distinct(StringComparer.Ordinal))
            {
                if (await FindReadyAsync(job.OwnerId, id, cancellationToken).ConfigureAwait(false) is null)
                {
                    missing.Add(id);
                }
            }
            if (missing.Count > 0)
            {
                errors["imageIds"] = [$"You have no images {string.Join(", ", missing.Take(20))}."];
                return ([], errors);
            }
            return ([.. named.Distinct(StringComparer.Ordinal)], errors);
        }
        var found = new List<string>();
        string? after = null;
        do
        {
            var page = await images.ListAsync(new ImageQuery { OwnerId = job.OwnerId, AlbumId = request.AlbumId, Limit = ListPageSize, After = after },
                cancellationToken).ConfigureAwait(false);
            found.AddRange(page.Items.Select(i => i.Id));
            after = page.Next;
            if (found.Count > limit)
            {
                errors[request.AlbumId is null ? "all" : "albumId"] = [$"More than {limit} images; a job may have at most {options.Value.MaxItemsPerJob} items."];
                return ([], errors);
            }
        }
        while (after is not null);
        return (found, errors);
    }
}
