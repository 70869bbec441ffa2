using System.Globalization;
using Amazon.CDK;
using Amazon.CDK.AWS.CloudFront;
using Amazon.CDK.AWS.CloudWatch;
using Amazon.CDK.AWS.CloudWatch.Actions;
using Amazon.CDK.AWS.SNS;
using Amazon.CDK.AWS.SQS;
using Constructs;
using LambdaFunction = Amazon.CDK.AWS.Lambda.Function;

namespace ImageService.Infra.Constructs;

/// <summary>
/// What pages the operator, and the one dashboard to look at when it does: one SNS topic that every alarm notifies
/// (when it fires and when it clears), alarms on the HTTP API's 5xx rate, each function's p99 duration and throttles,
/// the CDN's cache hit ratio (CloudFront's additional metrics are switched on for it) and, through the helpers, a
/// dead-letter queue's depth and a route group's error rate (the jobs and billing functions call them when they
/// arrive). The README's "Operations" section says what each alarm means and what to do.
/// </summary>
public sealed class ServiceMonitoring : Construct
{
    public const double ServerErrorRatePercent = 1;
    public const double LatencyP99Milliseconds = 500;
    public const double CacheHitRatioPercent = 80;
    public const double WebhookErrorRatePercent = 5;

    /// <summary>A job message waiting this long (30 min) for 15 minutes means the worker is not keeping up or not running.</summary>
    public const double JobQueueOldestAgeSeconds = 1800;

    /// <summary>Below this many edge requests in a window the hit ratio says little (a few cold objects), so it is
    /// treated as healthy.</summary>
    public const int CacheHitRatioMinimumRequests = 100;

    private static readonly Duration Window = Duration.Minutes(5);

    // The closed label values of the API's metrics (ServiceMetrics), one dashboard line each.
    private static readonly string[] CacheResults = ["derived_hit", "render", "not_modified"];
    private static readonly string[] OutputFormats = ["jpeg", "png", "webp", "avif", "gif"];
    private static readonly string[] UploadKinds = ["inline", "presigned"];
    private static readonly string[] StatusClasses = ["2xx", "3xx", "4xx", "5xx"];

    private readonly ServiceMonitoringProps _props;
    private readonly List<IAlarm> _alarms = [];
    private readonly Dashboard _dashboard;

    public Topic Topic { get; }

    public IReadOnlyList<IAlarm> Alarms => _alarms;

    public Dashboard Dashboard => _dashboard;

    public ServiceMonitoring(Construct scope, string id, ServiceMonitoringProps props) : base(scope, id)
    {
        _props = props ?? throw new ArgumentNullException(nameof(props));
        Topic = new Topic(this, "Alarms", new TopicProps { DisplayName = $"ImageService alarms ({Stack.Of(this).StackName})" });
        _dashboard = new Dashboard(this, "Dashboard", new DashboardProps { DefaultInterval = Duration.Hours(3) });

        var errorRate = AddServerErrorRateAlarm();
        foreach (var function in _props.Functions.All)
        {
            AddLatencyAlarm(function);
            AddThrottleAlarm(function);
        }
        var hitRatio = AddCacheHitRatioAlarm();

        _dashboard.AddWidgets(new AlarmStatusWidget(new AlarmStatusWidgetProps { Title = "Alarms", Alarms = [.. _alarms], Width = 24 }));
        _dashboard.AddWidgets(
            Graph("API requests and 5xx", [props.Api.MetricCount(Sum())], [props.Api.MetricServerError(Sum()), props.Api.MetricClientError(Sum())]),
            Graph("API 5xx rate (%)", [errorRate], annotation: ServerErrorRatePercent));
        _dashboard.AddWidgets(
            Graph("Function p99 duration (ms)", [.. _props.Functions.All.Select(f => f.MetricDuration(P99(f)))], annotation: LatencyP99Milliseconds),
            Graph("Function throttles and errors", [.. _props.Functions.All.Select(f => f.MetricThrottles(Sum(f)))], [.. _props.Functions.All.Select(f => f.MetricErrors(Sum(f)))]));
        _dashboard.AddWidgets(
            Graph("CDN cache hit ratio (%)", [CloudFrontMetric("CacheHitRate", "Average", "Cache hit rate")], annotation: CacheHitRatioPercent),
            Graph("CDN requests and bytes", [CloudFrontMetric("Requests", "Sum", "Edge requests")], [CloudFrontMetric("BytesDownloaded", "Sum", "Bytes to viewers")]));
        _dashboard.AddWidgets(
            Graph("Derived results (origin)", [.. CacheResults.Select(r => AppMetric("imageservice.delivery.results", "Sum", ("result", r)))]),
            Graph("Render p99 by format (s)", [.. OutputFormats.Select(f => AppMetric("imageservice.render.duration", "p99", ("format", f)))]),
            Graph("Bytes served and uploaded", [AppMetric("imageservice.delivery.bytes", "Sum")], [.. UploadKinds.Select(k => AppMetric("imageservice.upload.size", "Sum", ("kind", k)))]),
            Graph("429 refusals", [
                AppMetric("imageservice.rate_limit.refusals", "Sum", ("scope", "delivery")),
                AppMetric("imageservice.rate_limit.refusals", "Sum", ("scope", "upload")),
                AppMetric("imageservice.quota.refusals", "Sum", ("quota", "transformations")),
                AppMetric("imageservice.quota.refusals", "Sum", ("quota", "bandwidth"))]));
    }

    /// <summary>
    /// A dead-letter queue must stay empty: any message there is work that failed every retry. For the jobs queue's DLQ
    /// (issue 14): <c>monitoring.AddDeadLetterQueueAlarm("Jobs", jobs.DeadLetterQueue)</c>.
    /// </summary>
    public Alarm AddDeadLetterQueueAlarm(string name, IQueue deadLetterQueue)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(deadLetterQueue);
        var depth = deadLetterQueue.MetricApproximateNumberOfMessagesVisible(new Amazon.CDK.AWS.CloudWatch.MetricOptions
        {
            Statistic = "Maximum",
            Period = Duration.Minutes(1),
        });
        var alarm = Register(new Alarm(this, name + "DeadLetters", new AlarmProps
        {
            AlarmDescription = $"{name}: messages in the dead-letter queue (work that failed every retry). See README, Operations.",
            Metric = depth,
            Threshold = 0,
            ComparisonOperator = ComparisonOperator.GREATER_THAN_THRESHOLD,
            EvaluationPeriods = 1,
            TreatMissingData = TreatMissingData.NOT_BREACHING,
        }));
        _dashboard.AddWidgets(Graph($"{name} dead-letter queue depth", [depth], annotation: 0));
        return alarm;
    }

    /// <summary>
    /// A work queue's depth and age, from SQS's own metrics (the embedded backend's SQLite queue reports the same two
    /// figures as the imageservice.jobs.queue gauges): a dashboard row with the messages waiting and in flight
    /// (ApproximateNumberOfMessagesVisible / NotVisible) and the oldest one's age (ApproximateAgeOfOldestMessage), and an
    /// alarm when that age stays above <see cref="JobQueueOldestAgeSeconds"/> for 15 minutes (a backlog the worker does
    /// not drain). For the jobs queue: <c>monitoring.AddWorkQueueAlarm("Jobs", jobs.Queue)</c>.
    /// </summary>
    public Alarm AddWorkQueueAlarm(string name, IQueue queue)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(queue);
        var age = queue.MetricApproximateAgeOfOldestMessage(new Amazon.CDK.AWS.CloudWatch.MetricOptions { Statistic = "Maximum", Period = Window });
        var alarm = Register(new Alarm(this, name + "QueueAge", new AlarmProps
        {
            AlarmDescription = $"{name}: the oldest message has waited more than {JobQueueOldestAgeSeconds.ToString(CultureInfo.InvariantCulture)} s for 15 minutes (the worker does not keep up). See README, Operations.",
            Metric = age,
            Threshold = JobQueueOldestAgeSeconds,
            ComparisonOperator = ComparisonOperator.GREATER_THAN_THRESHOLD,
            EvaluationPeriods = 3,
            TreatMissingData = TreatMissingData.NOT_BREACHING,
        }));
        var depthOptions = new Amazon.CDK.AWS.CloudWatch.MetricOptions { Statistic = "Maximum", Period = Duration.Minutes(1) };
        _dashboard.AddWidgets(
            Graph($"{name} queue depth", [queue.MetricApproximateNumberOfMessagesVisible(depthOptions), queue.MetricApproximateNumberOfMessagesNotVisible(depthOptions)]),
            Graph($"{name} oldest message age (s)", [age], annotation: JobQueueOldestAgeSeconds));
        return alarm;
    }

    /// <summary>
    /// The share of a route group's answers that are errors (4xx and 5xx: a webhook that Stripe cannot deliver is
    /// refused, not only failed), from the functions' own request metric. For the billing webhook:
    /// <c>monitoring.AddWebhookErrorRateAlarm("billing")</c> with the billing function's route group.
    /// </summary>
    public Alarm AddWebhookErrorRateAlarm(string routeGroup, double thresholdPercent = WebhookErrorRatePercent)
    {
        ArgumentException.ThrowIfNullOrEmpty(routeGroup);
        var answers = StatusClasses.ToDictionary(c => "c" + c[0],
            c => (IMetric)AppMetric("imageservice.http.requests", "Sum", (ServiceMetricsNames.RouteGroup, routeGroup), (ServiceMetricsNames.StatusClass, c)));
        var rate = new MathExpression(new MathExpressionProps
        {
            Expression = "IF(c2 + c3 + c4 + c5 > 0, 100 * (c4 + c5) / (c2 + c3 + c4 + c5), 0)",
            UsingMetrics = answers,
            Period = Window,
            Label = $"{routeGroup} error rate (%)",
        });
        var id = char.ToUpperInvariant(routeGroup[0]) + routeGroup[1..];
        var alarm = Register(new Alarm(this, id + "ErrorRate", new AlarmProps
        {
            AlarmDescription = $"More than {thresholdPercent.ToString(CultureInfo.InvariantCulture)} % of {routeGroup} requests answered 4xx/5xx over 5 minutes. See README, Operations.",
            Metric = rate,
            Threshold = thresholdPercent,
            ComparisonOperator = ComparisonOperator.GREATER_THAN_THRESHOLD,
            EvaluationPeriods = 1,
            TreatMissingData = TreatMissingData.NOT_BREACHING,
        }));
        _dashboard.AddWidgets(Graph($"{routeGroup} error rate (%)", [rate], annotation: thresholdPercent));
        return alarm;
    }

    private MathExpression AddServerErrorRateAlarm()
    {
        var rate = new MathExpression(new MathExpressionProps
        {
            Expression = "IF(requests > 0, 100 * errors / requests, 0)",
            UsingMetrics = new Dictionary<string, IMetric>
            {
                ["errors"] = _props.Api.MetricServerError(Sum()),
                ["requests"] = _props.Api.MetricCount(Sum()),
            },
            Period = Window,
            Label = "5xx rate (%)",
        });
        Register(new Alarm(this, "ServerErrorRate", new AlarmProps
        {
            AlarmDescription = "More than 1 % of API requests answered 5xx over 5 minutes. See README, Operations.",
            Metric = rate,
            Threshold = ServerErrorRatePercent,
            ComparisonOperator = ComparisonOperator.GREATER_THAN_THRESHOLD,
            EvaluationPeriods = 1,
            TreatMissingData = TreatMissingData.NOT_BREACHING,
        }));
        return rate;
    }

    private Alarm AddLatencyAlarm(LambdaFunction function) => Register(new Alarm(this, function.Node.Id + "LatencyP99", new AlarmProps
    {
        AlarmDescription = $"p99 duration of the {function.Node.Id} function above 500 ms over 5 minutes. See README, Operations.",
        // Unlabelled: a labelled metric would turn the alarm into a metric-math one for nothing.
        Metric = function.MetricDuration(P99()),
        Threshold = LatencyP99Milliseconds,
        ComparisonOperator = ComparisonOperator.GREATER_THAN_THRESHOLD,
        EvaluationPeriods = 1,
        TreatMissingData = TreatMissingData.NOT_BREACHING,
    }));

    private Alarm AddThrottleAlarm(LambdaFunction function) => Register(new Alarm(this, function.Node.Id + "Throttles", new AlarmProps
    {
        AlarmDescription = $"The {function.Node.Id} function was throttled (concurrency exhausted) in the last 5 minutes. See README, Operations.",
        Metric = function.MetricThrottles(Sum()),
        Threshold = 0,
        ComparisonOperator = ComparisonOperator.GREATER_THAN_THRESHOLD,
        EvaluationPeriods = 1,
        TreatMissingData = TreatMissingData.NOT_BREACHING,
    }));

    /// <summary>CloudFront's CacheHitRate needs the distribution's additional metrics (a monitoring subscription). Its
    /// metrics live in us-east-1 (Region=Global): the alarm evaluates them when the stage is deployed there; the dashboard
    /// reads them from us-east-1 wherever the stage is.</summary>
    private MathExpression AddCacheHitRatioAlarm()
    {
        _ = new CfnMonitoringSubscription(this, "CdnAdditionalMetrics", new CfnMonitoringSubscriptionProps
        {
            DistributionId = _props.Distribution.DistributionId,
            MonitoringSubscription = new CfnMonitoringSubscription.MonitoringSubscriptionProperty
            {
                RealtimeMetricsSubscriptionConfig = new CfnMonitoringSubscription.RealtimeMetricsSubscriptionConfigProperty
                {
                    RealtimeMetricsSubscriptionStatus = "Enabled",
                },
            },
        });
        var ratio = new MathExpression(new MathExpressionProps
        {
            Expression = $"IF(requests >= {CacheHitRatioMinimumRequests}, hitRate, 100)",
            UsingMetrics = new Dictionary<string, IMetric>
            {
                ["hitRate"] = CloudFrontMetric("CacheHitRate", "Average", "Cache hit rate", region: null),
                ["requests"] = CloudFrontMetric("Requests", "Sum", "Edge requests", region: null),
            },
            Period = Window,
            Label = "Cache hit ratio (%)",
        });
        Register(new Alarm(this, "CacheHitRatio", new AlarmProps
        {
            AlarmDescription = $"CDN cache hit ratio below 80 % for 15 minutes (with at least {CacheHitRatioMinimumRequests} requests per 5 minutes). See README, Operations.",
            Metric = ratio,
            Threshold = CacheHitRatioPercent,
            ComparisonOperator = ComparisonOperator.LESS_THAN_THRESHOLD,
            EvaluationPeriods = 3,
            TreatMissingData = TreatMissingData.NOT_BREACHING,
        }));
        return ratio;
    }

    private Alarm Register(Alarm alarm)
    {
        alarm.AddAlarmAction(new SnsAction(Topic));
        alarm.AddOkAction(new SnsAction(Topic));
        _alarms.Add(alarm);
        return alarm;
    }

    private Metric CloudFrontMetric(string name, string statistic, string label, string? region = "us-east-1") => new(new MetricProps
    {
        Namespace = "AWS/CloudFront",
        MetricName = name,
        DimensionsMap = new Dictionary<string, string> { ["DistributionId"] = _props.Distribution.DistributionId, ["Region"] = "Global" },
        Statistic = statistic,
        Period = Window,
        Label = label,
        Region = region,
    });

    private Metric AppMetric(string name, string statistic, params (string Name, string Value)[] dimensions) => new(new MetricProps
    {
        Namespace = _props.MetricsNamespace,
        MetricName = name,
        DimensionsMap = dimensions.ToDictionary(d => d.Name, d => d.Value),
        Statistic = statistic,
        Period = Window,
        Label = dimensions.Length == 0 ? name : string.Join(" ", dimensions.Select(d => d.Value)),
    });

    private static GraphWidget Graph(string title, IMetric[] left, IMetric[]? right = null, double? annotation = null) => new(new GraphWidgetProps
    {
        Title = title,
        Left = left,
        Right = right,
        Width = 12,
        LeftAnnotations = annotation is { } value ? [new HorizontalAnnotation { Value = value }] : null,
    });

    private static Amazon.CDK.AWS.CloudWatch.MetricOptions Sum(LambdaFunction? function = null) => new()
    {
        Statistic = "Sum",
        Period = Window,
        Label = function?.Node.Id,
    };

    private static Amazon.CDK.AWS.CloudWatch.MetricOptions P99(LambdaFunction? function = null) => new()
    {
        Statistic = "p99",
        Period = Window,
        Label = function?.Node.Id,
    };
}
