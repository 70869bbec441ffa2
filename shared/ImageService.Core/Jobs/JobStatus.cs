namespace ImageService.Core.Jobs;

/// <summary>Where a job is. Succeeded, Failed and Canceled are final: nothing changes a finished job's status again.</summary>
public enum JobStatus
{
    /// <summary>Accepted, no item started yet (or waiting for an unavailable provider; <see cref="Job.Reason"/> says why).</summary>
    Queued,
    Running,
    /// <summary>Every item is done.</summary>
    Succeeded,
    /// <summary>Every item finished and at least one failed (<see cref="Job.Errors"/>).</summary>
    Failed,
    /// <summary>Canceled by the owner; items not started by then are skipped.</summary>
    Canceled,
}
