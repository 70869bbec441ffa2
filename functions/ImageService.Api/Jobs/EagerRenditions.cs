using ImageService.Core.Images;
using ImageService.Core.Jobs;
using ImageService.Core.Variants;

namespace ImageService.Api.Jobs;

/// <summary>
/// After an upload completes (inline or presigned), starts a <c>render-variants</c> job for the account's eager
/// variants, marked <c>eager</c> and listed in <c>GET /jobs</c> like any other. The upload does not wait for it, and a
/// failure to start it never fails the upload (the image is stored; its variants then render on first request).
/// </summary>
public sealed partial class EagerRenditions(IVariantStore variants, JobPlanner planner, JobStarter starter, TimeProvider time,
    ILogger<EagerRenditions> logger)
{
    public async Task StartAsync(ImageRecord image, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(image);
        try
        {
            var eager = (await variants.ListAsync(image.OwnerId, cancellationToken).ConfigureAwait(false))
                .Where(v => v.Eager)
                .Select(v => v.Name)
                .Order(StringComparer.Ordinal)
                .ToList();
            if (eager.Count == 0)
            {
                return;
            }
            var job = new Job
            {
                Id = planner.NewJobId(),
                OwnerId = image.OwnerId,
                Kind = JobKinds.RenderVariants,
                Status = JobStatus.Queued,
                Total = eager.Count,
                CreatedAt = time.GetUtcNow(),
                Variants = eager,
                ImageId = image.Id,
                Eager = true,
            };
            var items = eager.Select((variant, i) => new JobItem { ItemId = i.ToString(System.Globalization.CultureInfo.InvariantCulture), ImageId = image.Id, Variant = variant }).ToList();
            await starter.StartAsync(job, items, CancellationToken.None).ConfigureAwait(false);
            LogStarted(logger, job.Id, image.Id, eager.Count);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogNotStarted(logger, ex, image.Id);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} renders {Count} eager variants of {ImageId}")]
    private static partial void LogStarted(ILogger logger, string jobId, string imageId, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not start the eager variants of {ImageId}; they render on first request")]
    private static partial void LogNotStarted(ILogger logger, Exception exception, string imageId);
}
