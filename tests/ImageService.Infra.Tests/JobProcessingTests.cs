using Amazon.CDK.Assertions;
using ImageService.Infra.Tests.Support;
using static ImageService.Infra.Tests.Support.Shape;

namespace ImageService.Infra.Tests;

/// <summary>The jobs queue, its dead-letter queue and alarm, the worker's event source and the provider secret.</summary>
[Collection(SynthCollection.Name)]
public sealed class JobProcessingTests(DevTemplate stack)
{
    private string QueueId(string prefix) => stack.Json.OfType("AWS::SQS::Queue").Single(q => q.Id.StartsWith(prefix, StringComparison.Ordinal)).Id;

    [Fact]
    public void The_queue_redrives_to_its_dead_letter_queue_after_the_workers_attempt_limit()
    {
        var queue = stack.Json.AllResources[QueueId("JobsQueue")]!["Properties"]!;
        var redrive = queue["RedrivePolicy"]!;

        Assert.Equal(5, (int)redrive["maxReceiveCount"]!);
        Assert.Equal([QueueId("JobsDeadLetters")], stack.Json.ReferencedIds(redrive["deadLetterTargetArn"]!));
        Assert.Equal(1800, (int)queue["VisibilityTimeout"]!); // six times the worker's 300 s
        Assert.True((bool)queue["SqsManagedSseEnabled"]!);
        var worker = stack.Json.FunctionByHandler("worker").Properties["Environment"]!["Variables"]!;
        Assert.Equal("5", TemplateJson.Text(worker["Jobs__MaxAttempts"]));
    }

    [Fact]
    public void A_rule_invokes_the_worker_every_five_minutes_to_sweep_the_jobs_outbox()
    {
        var worker = stack.Json.FunctionByHandler("worker").Id;
        var target = new Capture();

        stack.Template.HasResourceProperties("AWS::Events::Rule", Like(
            ("ScheduleExpression", "rate(5 minutes)"),
            ("State", "ENABLED"),
            ("Targets", target)));
        Assert.Contains(worker, stack.Json.ReferencedIds(System.Text.Json.JsonSerializer.SerializeToNode(target.AsArray())!));
    }

    [Fact]
    public void An_alarm_fires_as_soon_as_a_message_is_dead_lettered()
    {
        stack.Template.HasResourceProperties("AWS::CloudWatch::Alarm", Like(
            ("MetricName", "ApproximateNumberOfMessagesVisible"),
            ("Namespace", "AWS/SQS"),
            ("Threshold", 0),
            ("ComparisonOperator", "GreaterThanThreshold")));
        var alarm = SqsAlarm("ApproximateNumberOfMessagesVisible");
        Assert.Equal([QueueId("JobsDeadLetters")], stack.Json.ReferencedIds(alarm["Dimensions"]!));
    }

    [Fact]
    public void The_jobs_queue_alarms_on_the_age_of_its_oldest_message()
    {
        var alarm = SqsAlarm("ApproximateAgeOfOldestMessage");

        Assert.Equal([QueueId("JobsQueue")], stack.Json.ReferencedIds(alarm["Dimensions"]!));
        Assert.Equal(("GreaterThanThreshold", 1800.0), (alarm["ComparisonOperator"]!.GetValue<string>(), (double)alarm["Threshold"]!));
    }

    private System.Text.Json.Nodes.JsonNode SqsAlarm(string metricName) => stack.Json.OfType("AWS::CloudWatch::Alarm")
        .Single(a => a.Resource["Properties"]!["Namespace"]?.GetValue<string>() == "AWS/SQS"
            && a.Resource["Properties"]!["MetricName"]?.GetValue<string>() == metricName).Resource["Properties"]!;

    [Fact]
    public void The_worker_is_fed_by_the_queue_with_partial_batch_responses()
    {
        var mapping = stack.Json.OfType("AWS::Lambda::EventSourceMapping").Single().Resource["Properties"]!;

        Assert.Equal([stack.Json.FunctionByHandler("worker").Id], stack.Json.ReferencedIds(mapping["FunctionName"]!));
        Assert.Equal([QueueId("JobsQueue")], stack.Json.ReferencedIds(mapping["EventSourceArn"]!));
        Assert.Equal(["ReportBatchItemFailures"], TemplateJson.Strings(mapping["FunctionResponseTypes"]!));
    }

    [Fact]
    public void The_provider_key_is_a_secret_the_worker_reads_by_arn_never_a_literal()
    {
        var secret = stack.Json.OfType("AWS::SecretsManager::Secret").Single(s => s.Id.StartsWith("JobsProviderApiKey", StringComparison.Ordinal)).Id;
        var variables = stack.Json.FunctionByHandler("worker").Properties["Environment"]!["Variables"]!;

        Assert.Equal([secret], stack.Json.ReferencedIds(variables["Workflows__Provider__ApiKeySecretArn"]!));
        Assert.Null(stack.Json.AllResources[secret]!["Properties"]!["SecretString"]);
    }
}
