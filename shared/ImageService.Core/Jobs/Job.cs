namespace ImageService.Core.Jobs;

/// <summary>
/// One job of an owner: what it does (<see cref="Kind"/> and its inputs), its items' progress and its outcome. The
/// counters only move through <see cref="IJobStore.CompleteItemAsync"/>, which counts each item once.
/// </summary>
public sealed record Job
{
    /// <summary>At most this many errors are kept per job (the counters stay exact beyond).</summary>
    public const int MaxErrors = 100;

    public required string Id { get; init; }
    public required string OwnerId { get; init; }
    public required string Kind { get; init; }
    public required JobStatus Status { get; init; }
    /// <summary>Why a queued job is not running yet (a provider outage), or null.</summary>
    public string? Reason { get; init; }
    public required int Total { get; init; }
    public int Done { get; init; }
    public int Failed { get; init; }
    public IReadOnlyList<JobError> Errors { get; init; } = [];
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
    /// <summary>Images the job created (workflow results), in completion order.</summary>
    public IReadOnlyList<string> ResultImageIds { get; init; } = [];
    /// <summary>https URL that receives the job as signed JSON when it finishes, or null.</summary>
    public string? CallbackUrl { get; init; }

    /// <summary>render-variants: the variant names to render.</summary>
    public IReadOnlyList<string> Variants { get; init; } = [];
    /// <summary>workflow: the workflow's name, its source image and its parameters (a JSON object).</summary>
    public string? Workflow { get; init; }
    public string? ImageId { get; init; }
    public string? ParametersJson { get; init; }
    /// <summary>render-variants: the album the job was started for, when it was.</summary>
    public string? AlbumId { get; init; }
    /// <summary>True for the job an upload starts by itself (eager variants).</summary>
    public bool Eager { get; init; }
}
