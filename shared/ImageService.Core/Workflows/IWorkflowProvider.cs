namespace ImageService.Core.Workflows;

/// <summary>
/// An external processing service with a queue-style API: submit a run, poll its status, fetch its result. A provider
/// that cannot be reached now (its circuit breaker is open) throws <see cref="WorkflowProviderUnavailableException"/>;
/// other failures throw as they come (the job queue retries them).
/// </summary>
public interface IWorkflowProvider
{
    /// <summary>Starts a run; returns the provider's run id.</summary>
    Task<string> SubmitAsync(WorkflowSubmission submission, CancellationToken cancellationToken = default);

    Task<WorkflowRunStatus> GetStatusAsync(string runId, CancellationToken cancellationToken = default);

    /// <summary>The finished run's output image.</summary>
    Task<byte[]> GetResultAsync(string runId, CancellationToken cancellationToken = default);
}
