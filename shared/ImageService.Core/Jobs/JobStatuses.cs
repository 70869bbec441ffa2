namespace ImageService.Core.Jobs;

/// <summary>The wire names of <see cref="JobStatus"/> (lower case, as in the API and in both stores).</summary>
public static class JobStatuses
{
    public static string ToWire(JobStatus status) => status switch
    {
        JobStatus.Queued => "queued",
        JobStatus.Running => "running",
        JobStatus.Succeeded => "succeeded",
        JobStatus.Failed => "failed",
        JobStatus.Canceled => "canceled",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static JobStatus FromWire(string value) => value switch
    {
        "queued" => JobStatus.Queued,
        "running" => JobStatus.Running,
        "succeeded" => JobStatus.Succeeded,
        "failed" => JobStatus.Failed,
        "canceled" => JobStatus.Canceled,
        _ => throw new FormatException($"Unknown job status '{value}'."),
    };

    public static bool IsFinal(JobStatus status) => status is JobStatus.Succeeded or JobStatus.Failed or JobStatus.Canceled;

    /// <summary>The status once every item has finished.</summary>
    public static JobStatus Settled(int failed) => failed == 0 ? JobStatus.Succeeded : JobStatus.Failed;
}
