using ImageService.Storage.Local.Jobs;

namespace ImageService.Api.Observability;

/// <summary>The embedded backend's job gauges: <c>jobs</c> (waiting and in-flight messages, age of the oldest visible
/// one) and <c>jobs-dlq</c> (dead letters, age of the oldest), the same two series SQS's own metrics give on AWS.</summary>
public sealed class SqliteJobQueueMetrics(Lazy<SqliteJobQueue> queue) : IJobQueueMetrics
{
    public const string QueueName = "jobs";
    public const string DeadLetterQueueName = "jobs-dlq";

    public IReadOnlyList<JobQueueSnapshot> Snapshot()
    {
        var state = queue.Value.Measure();
        return
        [
            new JobQueueSnapshot(QueueName, state.Depth, state.OldestVisibleAge),
            new JobQueueSnapshot(DeadLetterQueueName, state.DeadLetters, state.OldestDeadLetterAge),
        ];
    }
}
