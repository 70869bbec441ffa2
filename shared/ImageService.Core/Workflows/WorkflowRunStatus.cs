namespace ImageService.Core.Workflows;

/// <summary>A run's state at the provider; <see cref="Error"/> is the provider's reason when it failed.</summary>
public sealed record WorkflowRunStatus(WorkflowRunState State, string? Error);
