namespace ImageService.Core.Workflows;

public enum WorkflowRunState
{
    Queued,
    Running,
    Succeeded,
    Failed,
}
