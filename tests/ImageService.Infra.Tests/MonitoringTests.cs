using System.Text.Json.Nodes;
using ImageService.Infra.Tests.Support;

namespace ImageService.Infra.Tests;

/// <summary>The alarms, their topic and the dashboard of a stage (issue 15): what pages the operator and on which
/// figures, read from the synthesised template.</summary>
[Collection(SynthCollection.Name)]
public sealed class MonitoringTests(DevTemplate stack)
{
    private static readonly string[] Handlers = ["account", "delete", "get", "list", "transform", "update", "upload"];

    private IEnumerable<(string Id, JsonObject Properties)> Alarms() =>
        stack.Json.OfType("AWS::CloudWatch::Alarm").Select(a => (a.Id, a.Resource["Properties"]!.AsObject()));

    [Fact]
    public void Every_alarm_notifies_the_one_topic_when_it_fires_and_when_it_clears()
    {
        var topic = stack.Json.SingleIdOfType("AWS::SNS::Topic");

        Assert.NotEmpty(Alarms());
        Assert.All(Alarms(), alarm =>
        {
            Assert.Equal([topic], alarm.Properties["AlarmActions"]!.AsArray().SelectMany(a => stack.Json.ReferencedIds(a!)));
            Assert.Equal([topic], alarm.Properties["OKActions"]!.AsArray().SelectMany(a => stack.Json.ReferencedIds(a!)));
        });
        Assert.Contains(topic, stack.Json.ReferencedIds(stack.Json.Root["Outputs"]!["AlarmTopicArn"]!["Value"]!));
    }

    [Fact]
    public void More_than_one_percent_5xx_over_five_minutes_on_the_http_api_alarms()
    {
        var api = stack.Json.SingleIdOfType("AWS::ApiGatewayV2::Api");
        var alarm = Single(a => Expression(a)?.Contains("errors / requests", StringComparison.Ordinal) == true);

        Assert.Equal("IF(requests > 0, 100 * errors / requests, 0)", Expression(alarm.Properties));
        Assert.Equal(("GreaterThanThreshold", 1.0, 1), Rule(alarm));
        var errors = MetricStat(alarm, "errors");
        var requests = MetricStat(alarm, "requests");
        Assert.Equal(("AWS/ApiGateway", "5xx", "Sum", 300), Describe(errors));
        Assert.Equal(("AWS/ApiGateway", "Count", "Sum", 300), Describe(requests));
        Assert.Equal([api], Dimension(errors, "ApiId"));
        Assert.Equal([api], Dimension(requests, "ApiId"));
    }

    [Fact]
    public void Each_function_alarms_on_p99_duration_above_500_ms_and_on_any_throttle()
    {
        foreach (var handler in Handlers)
        {
            var function = stack.Json.FunctionByHandler(handler).Id;
            var mine = Alarms().Where(a => a.Properties["Dimensions"] is JsonArray d && d.Any(x => stack.Json.ReferencedIds(x!["Value"]!).Contains(function))).ToList();

            var latency = Assert.Single(mine, a => TemplateJson.Text(a.Properties["MetricName"]) == "Duration");
            Assert.Equal("p99", TemplateJson.Text(latency.Properties["ExtendedStatistic"]));
            Assert.Equal(("GreaterThanThreshold", 500.0, 1), Rule(latency));
            Assert.Equal(300, (int)latency.Properties["Period"]!);
            var throttles = Assert.Single(mine, a => TemplateJson.Text(a.Properties["MetricName"]) == "Throttles");
            Assert.Equal("Sum", TemplateJson.Text(throttles.Properties["Statistic"]));
            Assert.Equal(("GreaterThanThreshold", 0.0, 1), Rule(throttles));
        }
    }

    [Fact]
    public void The_cdn_sends_additional_metrics_and_a_hit_ratio_under_80_percent_alarms()
    {
        var distribution = stack.Json.SingleIdOfType("AWS::CloudFront::Distribution");
        var subscription = stack.Json.OfType("AWS::CloudFront::MonitoringSubscription").Single().Resource["Properties"]!;
        var alarm = Single(a => MetricStats(a).Any(m => TemplateJson.Text(m["Metric"]!["MetricName"]) == "CacheHitRate"));

        Assert.Equal([distribution], stack.Json.ReferencedIds(subscription["DistributionId"]!));
        Assert.Equal("Enabled", TemplateJson.Text(subscription["MonitoringSubscription"]!["RealtimeMetricsSubscriptionConfig"]!["RealtimeMetricsSubscriptionStatus"]));
        Assert.Equal(("LessThanThreshold", 80.0, 3), Rule(alarm));
        Assert.Equal("IF(requests >= 100, hitRate, 100)", Expression(alarm.Properties));
        var hitRate = MetricStat(alarm, "hitRate");
        Assert.Equal(("AWS/CloudFront", "CacheHitRate", "Average", 300), Describe(hitRate));
        Assert.Equal([distribution], Dimension(hitRate, "DistributionId"));
        Assert.Equal("Global", TemplateJson.Text(hitRate["Metric"]!["Dimensions"]!.AsArray().Single(d => TemplateJson.Text(d!["Name"]) == "Region")!["Value"]));
    }

    [Fact]
    public void The_dashboard_shows_the_alarms_and_the_services_own_metrics()
    {
        var body = TemplateJson.Render(stack.Json.OfType("AWS::CloudWatch::Dashboard").Single().Resource["Properties"]!["DashboardBody"]!,
            new Dictionary<string, string>());

        foreach (var title in new[] { "Alarms", "API 5xx rate (%)", "Function p99 duration (ms)", "CDN cache hit ratio (%)", "Derived results (origin)",
            "Render p99 by format (s)", "Bytes served and uploaded", "429 refusals" })
        {
            Assert.Contains($"\"title\":\"{title}\"", body, StringComparison.Ordinal);
        }
        Assert.Contains("ImageService/dev", body, StringComparison.Ordinal);
        Assert.Contains("imageservice.delivery.results", body, StringComparison.Ordinal);
    }

    [Fact]
    public void Functions_cap_glibcs_malloc_arenas_at_one()
    {
        Assert.All(stack.Json.ServiceFunctions(), f =>
            Assert.Equal("1", TemplateJson.Text(f.Properties["Environment"]!["Variables"]![ImageServiceStack.MallocArenaMaxVariable])));
    }

    [Fact]
    public void Functions_write_their_metrics_to_the_stages_namespace()
    {
        Assert.All(stack.Json.ServiceFunctions(), f =>
            Assert.Equal("ImageService/dev", TemplateJson.Text(f.Properties["Environment"]!["Variables"]!["Observability__MetricsNamespace"])));
    }

    [Fact]
    public void The_billing_functions_error_rate_has_an_alarm_on_the_one_topic()
    {
        var alarm = Assert.Single(Alarms(), a => a.Id.StartsWith("MonitoringBillingErrorRate", StringComparison.Ordinal));
        Assert.Equal(5, (double)alarm.Properties["Threshold"]!);
        Assert.Contains("billing requests answered 4xx/5xx", alarm.Properties["AlarmDescription"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotEmpty(alarm.Properties["AlarmActions"]!.AsArray());
    }

    private (string Id, JsonObject Properties) Single(Func<JsonObject, bool> predicate) => Assert.Single(Alarms(), a => predicate(a.Properties));

    private static string? Expression(JsonObject alarm) =>
        alarm["Metrics"] is JsonArray metrics ? metrics.Select(m => TemplateJson.Text(m!["Expression"])).SingleOrDefault(e => e is not null) : null;

    private static IEnumerable<JsonNode> MetricStats(JsonObject alarm) =>
        alarm["Metrics"] is JsonArray metrics ? metrics.Where(m => m!["MetricStat"] is not null).Select(m => m!["MetricStat"]!) : [];

    private static JsonNode MetricStat((string Id, JsonObject Properties) alarm, string id) =>
        alarm.Properties["Metrics"]!.AsArray().Single(m => TemplateJson.Text(m!["Id"]) == id)!["MetricStat"]!;

    private static (string?, string?, string?, int) Describe(JsonNode stat) =>
        (TemplateJson.Text(stat["Metric"]!["Namespace"]), TemplateJson.Text(stat["Metric"]!["MetricName"]), TemplateJson.Text(stat["Stat"]), (int)stat["Period"]!);

    private HashSet<string> Dimension(JsonNode stat, string name) =>
        stack.Json.ReferencedIds(stat["Metric"]!["Dimensions"]!.AsArray().Single(d => TemplateJson.Text(d!["Name"]) == name)!["Value"]!);

    private static (string?, double, int) Rule((string Id, JsonObject Properties) alarm) =>
        (TemplateJson.Text(alarm.Properties["ComparisonOperator"]), (double)alarm.Properties["Threshold"]!, (int)alarm.Properties["EvaluationPeriods"]!);
}
