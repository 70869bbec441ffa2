using Amazon.CDK;
using Amazon.CDK.Assertions;
using Amazon.CDK.AWS.Apigatewayv2;
using Amazon.CDK.AWS.CloudFront;
using Amazon.CDK.AWS.CloudFront.Origins;
using Amazon.CDK.AWS.SQS;
using ImageService.Infra.Constructs;
using ImageService.Infra.Tests.Support;

namespace ImageService.Infra.Tests;

/// <summary>The alarm helpers the jobs and billing functions call when they arrive (a dead-letter queue, the webhook's
/// route group), on a small stack of their own.</summary>
[Collection(SynthCollection.Name)]
public sealed class MonitoringHelperTests : IClassFixture<MonitoringHelperTests.HelperStack>
{
    private readonly HelperStack stack;

    public MonitoringHelperTests(HelperStack stack) => this.stack = stack;

    public sealed class HelperStack : IDisposable
    {
        private readonly DummyArtifact artifact = new();
        private readonly DummyArtifact billingArtifact = DummyArtifact.Billing();

        public HelperStack()
        {
            var app = new App();
            var stack = new Stack(app, "Helpers");
            var functions = new ServiceFunctions(stack, "Functions", new ServiceFunctionsProps
            {
                ArtifactDirectory = artifact.Directory,
                BillingArtifactDirectory = billingArtifact.Directory,
                MemorySizeMb = 512,
                LogRetentionDays = 1,
                RetainLogs = false,
                Environment = new Dictionary<string, string>(),
            });
            var monitoring = new ServiceMonitoring(stack, "Monitoring", new ServiceMonitoringProps
            {
                Api = new HttpApi(stack, "Api"),
                Functions = functions,
                Distribution = new Distribution(stack, "Cdn", new DistributionProps { DefaultBehavior = new BehaviorOptions { Origin = new HttpOrigin("example.com") } }),
                MetricsNamespace = "ImageService/helpers",
            });
            DeadLetters = new Queue(stack, "JobsDlq");
            monitoring.AddDeadLetterQueueAlarm("Jobs", DeadLetters);
            monitoring.AddWorkQueueAlarm("Jobs", new Queue(stack, "JobsQueue"));
            monitoring.AddWebhookErrorRateAlarm("billing");
            Json = new TemplateJson(System.Text.Json.JsonSerializer.SerializeToNode(Template.FromStack(stack).ToJSON())!.AsObject());
        }

        public Queue DeadLetters { get; }

        public TemplateJson Json { get; }

        public void Dispose()
        {
            artifact.Dispose();
            billingArtifact.Dispose();
        }
    }

    [Fact]
    public void A_dead_letter_queue_alarms_on_its_first_message()
    {
        var queue = Queue("JobsDlq");
        var alarm = Alarm("JobsDeadLetters");

        Assert.Equal(("AWS/SQS", "ApproximateNumberOfMessagesVisible", "Maximum"),
            (TemplateJson.Text(alarm["Namespace"]), TemplateJson.Text(alarm["MetricName"]), TemplateJson.Text(alarm["Statistic"])));
        Assert.Equal([queue], stack.Json.ReferencedIds(alarm["Dimensions"]![0]!["Value"]!));
        Assert.Equal(("GreaterThanThreshold", 0.0), (TemplateJson.Text(alarm["ComparisonOperator"]), (double)alarm["Threshold"]!));
        Assert.Equal(Topic(), stack.Json.ReferencedIds(alarm["AlarmActions"]![0]!));
    }

    [Fact]
    public void A_work_queue_alarms_when_its_oldest_message_waits_over_30_minutes_and_the_dashboard_shows_depth_and_age()
    {
        var queue = Queue("JobsQueue");
        var alarm = Alarm("JobsQueueAge");
        var body = TemplateJson.Render(stack.Json.OfType("AWS::CloudWatch::Dashboard").Single().Resource["Properties"]!["DashboardBody"]!,
            new Dictionary<string, string>());

        Assert.Equal(("AWS/SQS", "ApproximateAgeOfOldestMessage", "Maximum", 300.0),
            (TemplateJson.Text(alarm["Namespace"]), TemplateJson.Text(alarm["MetricName"]), TemplateJson.Text(alarm["Statistic"]), (double)alarm["Period"]!));
        Assert.Equal([queue], stack.Json.ReferencedIds(alarm["Dimensions"]![0]!["Value"]!));
        Assert.Equal(("GreaterThanThreshold", 1800.0, 3.0), (TemplateJson.Text(alarm["ComparisonOperator"]), (double)alarm["Threshold"]!, (double)alarm["EvaluationPeriods"]!));
        Assert.Equal(Topic(), stack.Json.ReferencedIds(alarm["AlarmActions"]![0]!));
        foreach (var expected in new[] { "\"title\":\"Jobs queue depth\"", "\"title\":\"Jobs oldest message age (s)\"", "ApproximateNumberOfMessagesVisible",
            "ApproximateNumberOfMessagesNotVisible", "ApproximateAgeOfOldestMessage" })
        {
            Assert.Contains(expected, body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_webhook_alarms_when_more_than_5_percent_of_its_answers_are_errors()
    {
        var alarm = Alarm("BillingErrorRate");
        var metrics = alarm["Metrics"]!.AsArray();

        Assert.Equal("IF(c2 + c3 + c4 + c5 > 0, 100 * (c4 + c5) / (c2 + c3 + c4 + c5), 0)",
            TemplateJson.Text(metrics.Single(m => m!["Expression"] is not null)!["Expression"]));
        foreach (var (id, statusClass) in new[] { ("c2", "2xx"), ("c3", "3xx"), ("c4", "4xx"), ("c5", "5xx") })
        {
            var metric = metrics.Single(m => TemplateJson.Text(m!["Id"]) == id)!["MetricStat"]!["Metric"]!;
            Assert.Equal(("ImageService/helpers", "imageservice.http.requests"), (TemplateJson.Text(metric["Namespace"]), TemplateJson.Text(metric["MetricName"])));
            var dimensions = metric["Dimensions"]!.AsArray().ToDictionary(d => TemplateJson.Text(d!["Name"])!, d => TemplateJson.Text(d!["Value"]));
            Assert.Equal(new Dictionary<string, string?> { ["route_group"] = "billing", ["status_class"] = statusClass }, dimensions);
        }
        Assert.Equal(("GreaterThanThreshold", 5.0), (TemplateJson.Text(alarm["ComparisonOperator"]), (double)alarm["Threshold"]!));
        Assert.Equal(Topic(), stack.Json.ReferencedIds(alarm["AlarmActions"]![0]!));
    }

    private string Queue(string idPrefix) => stack.Json.OfType("AWS::SQS::Queue").Single(q => q.Id.StartsWith(idPrefix, StringComparison.Ordinal)).Id;

    private HashSet<string> Topic() => [stack.Json.SingleIdOfType("AWS::SNS::Topic")];

    private System.Text.Json.Nodes.JsonNode Alarm(string idPrefix) =>
        stack.Json.OfType("AWS::CloudWatch::Alarm").Single(a => a.Id.StartsWith("Monitoring" + idPrefix, StringComparison.Ordinal)).Resource["Properties"]!;
}
