using System.Diagnostics;
using System.Diagnostics.Metrics;
using ImageService.Core.Imaging;

namespace ImageService.Api.Observability;

/// <summary>
/// Every instrument of the service, named once, on one <see cref="Meter"/> (<see cref="MeterName"/>). Labels are
/// closed sets (route group, status class, cache result, output format, quota, upload kind): per-account figures are
/// usage, never labels, so the series count stays fixed however many customers there are. Exported as Prometheus text
/// at /metrics on Kestrel (<see cref="MetricsEndpoint"/>) and as CloudWatch Embedded Metric Format lines in Lambda
/// (<see cref="EmbeddedMetricFormatWriter"/>). The README's "Operations" section says what each one means.
/// </summary>
public sealed class ServiceMetrics
{
    public const string MeterName = "ImageService";

    // Instrument names (OpenTelemetry style; Prometheus shows dots as underscores, counters with _total, units as suffix).
    public const string Requests = "imageservice.http.requests";
    public const string RequestDuration = "imageservice.http.request.duration";
    public const string DeliveryResults = "imageservice.delivery.results";
    public const string DeliveryBytes = "imageservice.delivery.bytes";
    public const string RenderDuration = "imageservice.render.duration";
    public const string RateLimitRefusals = "imageservice.rate_limit.refusals";
    public const string QuotaRefusals = "imageservice.quota.refusals";
    public const string UploadSize = "imageservice.upload.size";
    public const string JobQueueDepth = "imageservice.jobs.queue.depth";
    public const string JobQueueOldestAge = "imageservice.jobs.queue.oldest_age";
    public const string Renders = "imageservice.renders";

    // Label names.
    public const string RouteGroupTag = "route_group";
    public const string StatusClassTag = "status_class";
    public const string ResultTag = "result";
    public const string FormatTag = "format";
    public const string ScopeTag = "scope";
    public const string QuotaTag = "quota";
    public const string KindTag = "kind";
    public const string QueueTag = "queue";
    public const string StateTag = "state";

    private readonly Counter<long> _requests;
    private readonly Histogram<double> _requestDuration;
    private readonly Counter<long> _deliveryResults;
    private readonly Counter<long> _deliveryBytes;
    private readonly Histogram<double> _renderDuration;
    private readonly Counter<long> _rateLimitRefusals;
    private readonly Counter<long> _quotaRefusals;
    private readonly Histogram<long> _uploadSize;

    public ServiceMetrics(IMeterFactory meters, IEnumerable<IJobQueueMetrics> jobQueues, RenderGate? renders = null)
    {
        ArgumentNullException.ThrowIfNull(meters);
        ArgumentNullException.ThrowIfNull(jobQueues);
        var meter = meters.Create(MeterName);
        _requests = meter.CreateCounter<long>(Requests, "{request}", "Requests answered, by route group and status class.");
        _requestDuration = meter.CreateHistogram<double>(RequestDuration, "s", "Time to answer a request, by route group.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });
        _deliveryResults = meter.CreateCounter<long>(DeliveryResults, "{response}",
            "Delivery answers by derived-cache result: derived_hit (stored result), render (rendered now), not_modified (304).");
        _deliveryBytes = meter.CreateCounter<long>(DeliveryBytes, "By", "Image bytes sent by delivery (HEAD sends none).");
        _renderDuration = meter.CreateHistogram<double>(RenderDuration, "s", "Engine time of one transform, by output format.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });
        _rateLimitRefusals = meter.CreateCounter<long>(RateLimitRefusals, "{request}",
            "Requests refused with 429 by a rate limit: delivery (plan requests per second) or upload (uploads per user per minute).");
        _quotaRefusals = meter.CreateCounter<long>(QuotaRefusals, "{request}", "Delivery requests refused with 429 by a monthly quota, by quota.");
        _uploadSize = meter.CreateHistogram<long>(UploadSize, "By", "Size of accepted originals, inline or presigned.",
            advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = SizeBuckets });

        // The render gate (Imaging:MaxConcurrentRenders): renders holding a slot and renders waiting for one. A waiting
        // count that stays up means the process renders at capacity; 503 render-queue-full follows when it is full.
        if (renders is not null)
        {
            meter.CreateObservableGauge(Renders, () => new[]
            {
                new Measurement<int>(renders.InFlight, new KeyValuePair<string, object?>(StateTag, "running")),
                new Measurement<int>(renders.Waiting, new KeyValuePair<string, object?>(StateTag, "waiting")),
            }, "{render}", "Renders (upload renditions and transforms) running and waiting for a slot in this process.");
        }

        // Jobs (issue 14) report their queues through the port; with none registered, no gauge exists.
        var queues = jobQueues.ToArray();
        if (queues.Length > 0)
        {
            meter.CreateObservableGauge(JobQueueDepth, () => Observe(queues, s => s.Depth), "{job}", "Jobs waiting in each queue (the dead-letter queue included).");
            meter.CreateObservableGauge(JobQueueOldestAge, () => Observe(queues, s => s.OldestAge.TotalSeconds), "s", "Age of the oldest waiting job in each queue.");
        }
    }

    /// <summary>Latency buckets (seconds) that straddle the 500 ms p99 target finely.</summary>
    public static IReadOnlyList<double> LatencyBuckets { get; } =
        [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.75, 1, 2.5, 5, 10, 30];

    /// <summary>Upload size buckets (bytes): 64 KiB to the presigned limits.</summary>
    public static IReadOnlyList<long> SizeBuckets { get; } =
        [65_536, 262_144, 1_048_576, 2_097_152, 4_194_304, 8_388_608, 10_485_760, 26_214_400, 104_857_600];

    public void RequestAnswered(string routeGroup, int status, TimeSpan elapsed)
    {
        var tags = new TagList { { RouteGroupTag, routeGroup }, { StatusClassTag, StatusClass(status) } };
        _requests.Add(1, tags);
        _requestDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>(RouteGroupTag, routeGroup));
    }

    public void Delivered(DeliveryCacheResult result, long bytes)
    {
        _deliveryResults.Add(1, new KeyValuePair<string, object?>(ResultTag, result.Label()));
        if (bytes > 0)
        {
            _deliveryBytes.Add(bytes);
        }
    }

    public void Rendered(string format, TimeSpan elapsed) =>
        _renderDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>(FormatTag, format));

    public void RateLimited(RateLimitScope scope) =>
        _rateLimitRefusals.Add(1, new KeyValuePair<string, object?>(ScopeTag, scope == RateLimitScope.Delivery ? "delivery" : "upload"));

    public void QuotaRefused(string quota) => _quotaRefusals.Add(1, new KeyValuePair<string, object?>(QuotaTag, quota));

    public void UploadAccepted(UploadKind kind, long bytes) =>
        _uploadSize.Record(bytes, new KeyValuePair<string, object?>(KindTag, kind == UploadKind.Inline ? "inline" : "presigned"));

    /// <summary>1xx..5xx; anything else (0 for a request that never got an answer) is "other".</summary>
    public static string StatusClass(int status) => status switch
    {
        >= 100 and < 200 => "1xx",
        >= 200 and < 300 => "2xx",
        >= 300 and < 400 => "3xx",
        >= 400 and < 500 => "4xx",
        >= 500 and < 600 => "5xx",
        _ => "other",
    };

    private static IEnumerable<Measurement<T>> Observe<T>(IJobQueueMetrics[] queues, Func<JobQueueSnapshot, T> value)
        where T : struct
    {
        foreach (var source in queues)
        {
            foreach (var snapshot in source.Snapshot())
            {
                yield return new Measurement<T>(value(snapshot), new KeyValuePair<string, object?>(QueueTag, snapshot.Queue));
            }
        }
    }
}
