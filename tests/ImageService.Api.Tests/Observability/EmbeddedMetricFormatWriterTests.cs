using System.Diagnostics.Metrics;
using System.Text.Json;
using ImageService.Api.Observability;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ImageService.Api.Tests.Observability;

/// <summary>The EMF lines checked against the CloudWatch Embedded Metric Format specification: a root
/// <c>_aws</c> with <c>Timestamp</c> (epoch ms) and <c>CloudWatchMetrics</c> directives (<c>Namespace</c>,
/// <c>Dimensions</c> as arrays of member names, <c>Metrics</c> with <c>Name</c> and <c>Unit</c>), every referenced
/// dimension a string member of the root, every metric a number or an array of at most 100 numbers.</summary>
public sealed class EmbeddedMetricFormatWriterTests : IDisposable
{
    private readonly ServiceProvider services;
    private readonly FakeTimeProvider time = new(DateTimeOffset.Parse("2026-12-01T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly StringWriter output = new();
    private readonly FakeQueues queues = new();
    private readonly ServiceMetrics metrics;
    private readonly EmbeddedMetricFormatWriter writer;

    public EmbeddedMetricFormatWriterTests()
    {
        services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var factory = services.GetRequiredService<IMeterFactory>();
        metrics = new ServiceMetrics(factory, [queues]);
        writer = new EmbeddedMetricFormatWriter(factory, "ImageService/test", output, time);
    }

    public void Dispose()
    {
        writer.Dispose();
        services.Dispose();
        output.Dispose();
    }

    [Fact]
    public void One_flush_writes_one_document_per_label_set_with_summed_counters_and_every_latency()
    {
        metrics.RequestAnswered("transform", 200, TimeSpan.FromMilliseconds(40));
        metrics.RequestAnswered("transform", 304, TimeSpan.FromMilliseconds(10));
        metrics.RequestAnswered("transform", 201, TimeSpan.FromMilliseconds(60));
        metrics.RequestAnswered("upload", 503, TimeSpan.FromSeconds(2));
        metrics.Delivered(DeliveryCacheResult.Render, 1_000);
        metrics.Delivered(DeliveryCacheResult.DerivedHit, 500);
        metrics.Rendered("webp", TimeSpan.FromMilliseconds(125));
        queues.Depth = 3;

        writer.Flush();

        var documents = Documents();
        Assert.All(documents, AssertFollowsTheSpecification);
        var twoHundreds = Single(documents, ("route_group", "transform"), ("status_class", "2xx"));
        Assert.Equal(2, twoHundreds.GetProperty("imageservice.http.requests").GetDouble());
        Assert.Equal(1, Single(documents, ("route_group", "transform"), ("status_class", "3xx")).GetProperty("imageservice.http.requests").GetDouble());
        Assert.Equal(1, Single(documents, ("route_group", "upload"), ("status_class", "5xx")).GetProperty("imageservice.http.requests").GetDouble());
        var latencies = Single(documents, ("route_group", "transform")).GetProperty("imageservice.http.request.duration");
        Assert.Equal([0.04, 0.01, 0.06], latencies.EnumerateArray().Select(v => v.GetDouble()));
        Assert.Equal(1500, Single(documents).GetProperty("imageservice.delivery.bytes").GetDouble());
        Assert.Equal([0.125], Single(documents, ("format", "webp")).GetProperty("imageservice.render.duration").EnumerateArray().Select(v => v.GetDouble()));
        Assert.Equal(3, Single(documents, ("queue", "jobs")).GetProperty("imageservice.jobs.queue.depth").GetDouble());
        Assert.Equal(time.GetUtcNow().ToUnixTimeMilliseconds(), documents[0].GetProperty("_aws").GetProperty("Timestamp").GetInt64());
        var units = documents.SelectMany(d => d.GetProperty("_aws").GetProperty("CloudWatchMetrics")[0].GetProperty("Metrics").EnumerateArray())
            .GroupBy(m => m.GetProperty("Name").GetString()!).ToDictionary(g => g.Key, g => Assert.Single(g.Select(m => m.GetProperty("Unit").GetString()).Distinct()));
        Assert.Equal("Count", units["imageservice.http.requests"]);
        Assert.Equal("Seconds", units["imageservice.render.duration"]);
        Assert.Equal("Bytes", units["imageservice.delivery.bytes"]);
    }

    [Fact]
    public void A_flush_starts_over_and_gauges_report_their_state_at_every_flush()
    {
        metrics.Delivered(DeliveryCacheResult.NotModified, 0);
        writer.Flush();
        var first = Documents();
        output.GetStringBuilder().Clear();
        queues.Depth = 5;

        writer.Flush();

        Assert.Equal(1, Single(first, ("result", "not_modified")).GetProperty("imageservice.delivery.results").GetDouble());
        var second = Assert.Single(Documents());
        Assert.Equal(5, second.GetProperty("imageservice.jobs.queue.depth").GetDouble());
        Assert.Equal(7, second.GetProperty("imageservice.jobs.queue.oldest_age").GetDouble());
    }

    [Fact]
    public void Without_job_queues_an_idle_flush_writes_nothing()
    {
        using var alone = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var factory = alone.GetRequiredService<IMeterFactory>();
        _ = new ServiceMetrics(factory, []);
        using var text = new StringWriter();
        using var idle = new EmbeddedMetricFormatWriter(factory, "ImageService/test", text, time);

        idle.Flush();

        Assert.Equal("", text.ToString());
    }

    [Fact]
    public void More_than_a_hundred_values_of_one_metric_are_split_over_documents()
    {
        for (var i = 0; i < 150; i++)
        {
            metrics.Rendered("avif", TimeSpan.FromMilliseconds(i));
        }

        writer.Flush();

        var documents = Documents().Where(d => d.TryGetProperty("format", out _)).ToList();
        Assert.Equal([100, 50], documents.Select(d => d.GetProperty("imageservice.render.duration").GetArrayLength()));
        Assert.Equal(Enumerable.Range(0, 150).Select(i => i / 1000.0),
            documents.SelectMany(d => d.GetProperty("imageservice.render.duration").EnumerateArray().Select(v => Math.Round(v.GetDouble(), 6))));
    }

    [Fact]
    public void Another_hosts_meter_of_the_same_name_is_not_read()
    {
        using var other = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var otherMetrics = new ServiceMetrics(other.GetRequiredService<IMeterFactory>(), []);

        otherMetrics.Delivered(DeliveryCacheResult.Render, 10);
        writer.Flush();

        Assert.DoesNotContain(Documents(), d => d.TryGetProperty("imageservice.delivery.results", out _));
    }

    private static void AssertFollowsTheSpecification(JsonElement document)
    {
        var aws = document.GetProperty("_aws");
        Assert.Equal(JsonValueKind.Number, aws.GetProperty("Timestamp").ValueKind);
        var directive = Assert.Single(aws.GetProperty("CloudWatchMetrics").EnumerateArray());
        Assert.Equal("ImageService/test", directive.GetProperty("Namespace").GetString());
        foreach (var dimensionSet in directive.GetProperty("Dimensions").EnumerateArray())
        {
            Assert.True(dimensionSet.GetArrayLength() <= 30);
            foreach (var dimension in dimensionSet.EnumerateArray())
            {
                Assert.Equal(JsonValueKind.String, document.GetProperty(dimension.GetString()!).ValueKind);
            }
        }
        var declared = directive.GetProperty("Metrics").EnumerateArray().ToList();
        Assert.InRange(declared.Count, 1, 100);
        foreach (var metric in declared)
        {
            var value = document.GetProperty(metric.GetProperty("Name").GetString()!);
            Assert.True(value.ValueKind == JsonValueKind.Number
                || (value.ValueKind == JsonValueKind.Array && value.GetArrayLength() <= 100 && value.EnumerateArray().All(v => v.ValueKind == JsonValueKind.Number)));
            Assert.Contains(metric.GetProperty("Unit").GetString(), new[] { "Seconds", "Milliseconds", "Bytes", "Count", "None" });
        }
    }

    /// <summary>The one document whose dimensions are exactly <paramref name="labels"/>.</summary>
    private static JsonElement Single(List<JsonElement> documents, params (string Name, string Value)[] labels) =>
        Assert.Single(documents, d =>
        {
            var dimensions = d.GetProperty("_aws").GetProperty("CloudWatchMetrics")[0].GetProperty("Dimensions")[0].EnumerateArray().Select(x => x.GetString()).ToList();
            return dimensions.Count == labels.Length && labels.All(l => dimensions.Contains(l.Name) && d.GetProperty(l.Name).GetString() == l.Value);
        });

    private List<JsonElement> Documents() => Documents(output.ToString());

    private static List<JsonElement> Documents(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToList();

    private sealed class FakeQueues : IJobQueueMetrics
    {
        public long Depth { get; set; }

        public IReadOnlyList<JobQueueSnapshot> Snapshot() => [new JobQueueSnapshot("jobs", Depth, TimeSpan.FromSeconds(7))];
    }
}
