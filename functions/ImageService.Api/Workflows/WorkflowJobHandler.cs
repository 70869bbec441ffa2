using ImageService.Api.Images;
using ImageService.Core.Images;
using ImageService.Core.Jobs;
using ImageService.Core.Storage;
using ImageService.Core.Workflows;
using Microsoft.Extensions.Options;

namespace ImageService.Api.Workflows;

/// <summary>
/// The <c>workflow</c> job kind: sends the source image's original to the provider, polls the run, and stores the
/// output as a new image of the owner (in the source's album, its description naming the source image and the job,
/// its id derived from the job so a redelivered item finds its result instead of storing a second one). An open
/// circuit defers the item (the job waits, queued, with the reason); a run the provider failed, or a request it
/// refused, fails the item; anything else is retried by the queue.
/// </summary>
public sealed partial class WorkflowJobHandler(
    IWorkflowProvider provider,
    IImageMetadataStore images,
    IBlobStore blobs,
    ImageIngest ingest,
    IOptions<WorkflowsOptions> options,
    TimeProvider time,
    ILogger<WorkflowJobHandler> logger) : IJobKindHandler
{
    public string Kind => JobKinds.Workflow;

    public async Task<JobItemOutcome> ProcessAsync(Job job, JobItem item, Func<Task> started, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(started);
        var resultId = JobResultIds.For(job, item.ItemId);
        if (await images.GetAsync(job.OwnerId, resultId, cancellationToken).ConfigureAwait(false) is not null)
        {
            return JobItemOutcome.Done(resultId); // stored by an earlier delivery that stopped before counting
        }
        var source = await images.GetAsync(job.OwnerId, item.ImageId, cancellationToken).ConfigureAwait(false);
        if (source is not { Status: ImageStatus.Ready })
        {
            return JobItemOutcome.Fail($"Image {item.ImageId} does not exist.");
        }
        var original = await ReadOriginalAsync(source, cancellationToken).ConfigureAwait(false);
        if (original is null)
        {
            return JobItemOutcome.Fail($"The original of image {item.ImageId} is not stored.");
        }
        byte[] output;
        try
        {
            var runId = await provider.SubmitAsync(new WorkflowSubmission(job.Workflow!, job.ParametersJson ?? "{}", original,
                ImageIngest.ContentTypeOf(source.Format)), cancellationToken).ConfigureAwait(false);
            await started().ConfigureAwait(false);
            LogSubmitted(logger, job.Id, runId);
            var status = await WaitAsync(runId, cancellationToken).ConfigureAwait(false);
            if (status.State == WorkflowRunState.Failed)
            {
                return JobItemOutcome.Fail($"The provider failed the run: {status.Error ?? "no reason given"}.");
            }
            output = await provider.GetResultAsync(runId, cancellationToken).ConfigureAwait(false);
        }
        catch (WorkflowProviderUnavailableException ex)
        {
            throw new JobDeferredException($"Waiting for the workflow provider: {ex.Message}", ex.RetryAfter, ex);
        }
        catch (WorkflowRejectedException ex)
        {
            return JobItemOutcome.Fail(ex.Message);
        }
        var input = new ImageMetadataInput(
            Title: Truncate($"{job.Workflow} of {source.Title ?? source.Id}", ImageMetadataInput.MaxTitle),
            Description: $"Result of workflow {job.Workflow} on image {source.Id} (job {job.Id}).",
            AlbumId: source.AlbumId,
            Tags: source.Tags,
            Path: null);
        try
        {
            await ingest.CreateAsync(job.OwnerId, resultId, output, input, cancellationToken).ConfigureAwait(false);
        }
        catch (ConflictException)
        {
            // A concurrent delivery of this item stored it first.
        }
        catch (Core.Imaging.ImageRejectedException ex)
        {
            return JobItemOutcome.Fail($"The provider's result is not an image the service accepts: {ex.Message}");
        }
        return JobItemOutcome.Done(resultId);
    }

    private async Task<WorkflowRunStatus> WaitAsync(string runId, CancellationToken cancellationToken)
    {
        var settings = options.Value.Provider;
        var deadline = time.GetUtcNow() + settings.MaxRunTime;
        while (true)
        {
            var status = await provider.GetStatusAsync(runId, cancellationToken).ConfigureAwait(false);
            if (status.State is WorkflowRunState.Succeeded or WorkflowRunState.Failed)
            {
                return status;
            }
            if (time.GetUtcNow() >= deadline)
            {
                throw new TimeoutException($"The provider's run {runId} did not finish within {settings.MaxRunTime}.");
            }
            await Task.Delay(settings.PollInterval, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<byte[]?> ReadOriginalAsync(ImageRecord image, CancellationToken cancellationToken)
    {
        var blob = await blobs.GetAsync(BlobKeys.Original(image.OwnerId, image.Id), cancellationToken).ConfigureAwait(false);
        if (blob is null)
        {
            return null;
        }
        await using (blob.ConfigureAwait(false))
        {
            var bytes = new byte[blob.Length];
            await blob.Content.ReadExactlyAsync(bytes, cancellationToken).ConfigureAwait(false);
            return bytes;
        }
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} submitted to the workflow provider as run {RunId}")]
    private static partial void LogSubmitted(ILogger logger, string jobId, string runId);
}
