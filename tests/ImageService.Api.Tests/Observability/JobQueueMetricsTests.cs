using System.Diagnostics;
using ImageService.Api.Testing;
using ImageService.Core.Jobs;
using ImageService.Storage.Local.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace ImageService.Api.Tests.Observability;

/// <summary>The job queue gauges on the embedded backend: /metrics shows the SQLite queue's depth (visible and in-flight
/// messages), the age of its oldest visible message, and the dead letters. Process-wide like the other /metrics tests
/// (the exporter sees every ImageService meter in the process); the worker is off so nothing drains the queue.</summary>
[Collection(nameof(ProcessWide))]
public sealed class JobQueueMetricsTests : IDisposable
{
    private readonly ImageServiceApp app = new(new Dictionary<string, string?>
    {
        ["Observability:PrometheusEndpoint"] = "true",
        ["Jobs:WorkerEnabled"] = "false",
    });

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task Depth_counts_visible_and_in_flight_messages_and_age_is_the_oldest_visible_ones()
    {
        var queue = app.Services.GetRequiredService<SqliteJobQueue>();
        var empty = await ScrapeAsync();
        Assert.Equal(0, empty.Value("imageservice_jobs_queue_depth", "queue=jobs"));
        Assert.Equal(0, empty.Value("imageservice_jobs_queue_oldest_age_seconds", "queue=jobs"));
        Assert.True(empty.Has("imageservice_jobs_queue_depth"), "the gauge is registered on the embedded backend");

        var beforeFirst = Stopwatch.StartNew();
        await queue.EnqueueAsync([JobMessage.Item("owner", "job_a", "0")]);
        await Task.Delay(1000);
        var beforeSecond = Stopwatch.StartNew();
        await queue.EnqueueAsync([JobMessage.Item("owner", "job_b", "0"), JobMessage.Item("owner", "job_b", "1")]);
        // The first message goes in flight: still counted in the depth, but no longer the oldest visible one.
        var leased = Assert.Single(await queue.ReceiveAsync(1, TimeSpan.FromMinutes(5), TimeSpan.Zero));
        Assert.Contains("job_a", leased.Body, StringComparison.Ordinal);
        await Task.Delay(150);
        var sinceSecondAtMost = beforeSecond.Elapsed.TotalSeconds;
        var sinceFirstAtMost = beforeFirst.Elapsed.TotalSeconds;
        var withLease = await ScrapeAsync();
        var sinceSecondAtLeast = beforeSecond.Elapsed.TotalSeconds;

        Assert.Equal(3, withLease.Value("imageservice_jobs_queue_depth", "queue=jobs"));
        var age = withLease.Value("imageservice_jobs_queue_oldest_age_seconds", "queue=jobs");
        // Measured on SQLite's millisecond timestamps: allow one millisecond either side of the stopwatch's window.
        Assert.InRange(age, 0.150 - 0.001, sinceSecondAtLeast + 0.001);
        // The leased message is a second older: its age would be above this unless the scrape took a second.
        Assert.True(age < sinceFirstAtMost - 0.001, $"age {age} s is the leased message's, not the oldest visible one's");
        Assert.True(sinceSecondAtMost >= 0.150);
        Assert.Equal(0, withLease.Value("imageservice_jobs_queue_depth", "queue=jobs-dlq"));

        await queue.DeadLetterAsync(leased, "poison");
        var afterDeadLetter = await ScrapeAsync();

        Assert.Equal(2, afterDeadLetter.Value("imageservice_jobs_queue_depth", "queue=jobs"));
        Assert.Equal(1, afterDeadLetter.Value("imageservice_jobs_queue_depth", "queue=jobs-dlq"));
    }

    private Task<PrometheusText> ScrapeAsync() => PrometheusText.ScrapeAsync(app.Server);
}
