using System.Text.Json;
using ImageService.Core.Jobs;

namespace ImageService.Api.Jobs;

/// <summary>A job as <c>GET /jobs/{id}</c> shows it (and as its callback receives it).</summary>
/// <param name="Reason">Why a queued job waits (a provider outage), or null.</param>
public sealed record JobResponse(
    string Id,
    string Kind,
    string Status,
    string? Reason,
    int Total,
    int Done,
    int Failed,
    IReadOnlyList<JobErrorResponse> Errors,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    IReadOnlyList<string> ResultImageIds,
    string? CallbackUrl,
    IReadOnlyList<string> Variants,
    string? AlbumId,
    string? Workflow,
    string? ImageId,
    JsonElement? Parameters,
    bool Eager)
{
    public static JobResponse From(Job job)
    {
        ArgumentNullException.ThrowIfNull(job);
        JsonElement? parameters = null;
        if (job.ParametersJson is { } json)
        {
            using var document = JsonDocument.Parse(json);
            parameters = document.RootElement.Clone();
        }
        return new JobResponse(job.Id, job.Kind, JobStatuses.ToWire(job.Status), job.Reason, job.Total, job.Done, job.Failed,
            [.. job.Errors.Select(e => new JobErrorResponse(e.ItemId, e.ImageId, e.Message, e.At))], job.CreatedAt, job.StartedAt,
            job.FinishedAt, job.ResultImageIds, job.CallbackUrl, job.Variants, job.AlbumId, job.Workflow, job.ImageId, parameters, job.Eager);
    }
}
