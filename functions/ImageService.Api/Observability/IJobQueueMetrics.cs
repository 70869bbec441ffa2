namespace ImageService.Api.Observability;

/// <summary>
/// The hook through which the jobs queue (issue 14) reports its depth and age to <see cref="ServiceMetrics"/>: register
/// an implementation (<c>services.AddSingleton&lt;IJobQueueMetrics, …&gt;()</c>) and the gauges
/// <c>imageservice.jobs.queue.depth</c> and <c>imageservice.jobs.queue.oldest_age</c> appear, one series per queue.
/// None is registered by default. Called at each collection (a scrape, an EMF flush), so it should answer from memory
/// or a cheap read.
/// </summary>
public interface IJobQueueMetrics
{
    IReadOnlyList<JobQueueSnapshot> Snapshot();
}
