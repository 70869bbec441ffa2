using System.Text.Json.Nodes;

namespace ImageService.Lambda.Tests;

/// <summary>SQS, S3 and scheduled event fixtures (the shapes AWS documents) through the fake Runtime API: each reaches
/// the app as <c>POST /_lambda/{source}</c> and the app's answer becomes the invocation's result or error.</summary>
public sealed class LambdaEventTests(LambdaHostFixture host) : IClassFixture<LambdaHostFixture>
{
    private FakeRuntimeApi Runtime => host.Runtime;

    [Fact]
    public async Task Sqs_batch_answers_with_the_failed_message_ids_only()
    {
        var outcome = await Runtime.InvokeAsync(Events.Load("Sources/sqs-batch.json"));

        Assert.Equal("response", outcome.Kind);
        var failures = outcome.Json.GetProperty("batchItemFailures");
        var failure = Assert.Single(failures.EnumerateArray());
        Assert.Equal("2e1424d4-f796-459a-8184-9c92662be6da", failure.GetProperty("itemIdentifier").GetString());
    }

    [Fact]
    public async Task Sqs_batch_without_failures_answers_an_empty_failure_list()
    {
        var batch = JsonNode.Parse(Events.Load("Sources/sqs-batch.json"))!;
        batch["Records"]!.AsArray().RemoveAt(1);

        var outcome = await Runtime.InvokeAsync(batch.ToJsonString());

        Assert.Equal("response", outcome.Kind);
        Assert.Empty(outcome.Json.GetProperty("batchItemFailures").EnumerateArray());
    }

    [Fact]
    public async Task S3_notifications_arrive_with_decoded_keys_and_the_invocation_as_request_id()
    {
        var outcome = await Runtime.InvokeAsync(Events.Load("Sources/s3-object-created.json"));

        Assert.Equal("response", outcome.Kind);
        var body = outcome.Json;
        Assert.Equal(
            [
                "ObjectCreated:Put imageservice-prod-cdn-logs/cdn/E2EXAMPLE.2026-12-01-10.a1b2c3d4.gz 1024 d41d8cd98f00b204e9800998ecf8427e",
                // S3 URL-encodes keys in notifications: '+' is a space, %C3%A9 an 'é'.
                "ObjectCreated:Put imageservice-prod-cdn-logs/backfill/old logs/E2EXAMPLE.2026-11-30-23.été.gz 2048 0cc175b9c0f1b6a831c399e269772661",
            ],
            body.GetProperty("objects").EnumerateArray().Select(o => o.GetString()!).ToArray());
        Assert.Equal("lambda.invalid", body.GetProperty("host").GetString());
        Assert.Equal(body.GetProperty("awsRequestId").GetString(), body.GetProperty("traceIdentifier").GetString());
    }

    [Fact]
    public async Task Scheduled_event_runs_its_handler_and_an_empty_answer_is_an_empty_json_result()
    {
        var outcome = await Runtime.InvokeAsync(Events.Load("Sources/scheduled.json"));

        Assert.Equal("response", outcome.Kind);
        Assert.Equal("{}", System.Text.Encoding.UTF8.GetString(outcome.Body));
        Assert.Contains(
            "scheduled Scheduled Event aws.events 2026-12-01T11:00:00.0000000+00:00 arn:aws:events:eu-west-1:123456789012:rule/imageservice-prod-meter-report",
            Runtime.Timeline);
    }

    [Theory]
    [InlineData("unavailable", "503: provider unavailable")]
    [InlineData("throw", "the scheduled work failed")]
    public async Task A_failing_event_handler_is_an_invocation_error_and_the_runtime_keeps_polling(string rule, string expectedMessage)
    {
        var schedule = JsonNode.Parse(Events.Load("Sources/scheduled.json"))!;
        schedule["resources"] = new JsonArray($"arn:aws:events:eu-west-1:123456789012:rule/{rule}");

        var outcome = await Runtime.InvokeAsync(schedule.ToJsonString());

        Assert.Equal("error", outcome.Kind);
        Assert.Equal("Function.EventFailed", outcome.ErrorTypeHeader);
        Assert.Contains(expectedMessage, outcome.Json.GetProperty("errorMessage").GetString(), StringComparison.Ordinal);
        Assert.Equal("response", (await Runtime.InvokeAsync(Events.Load("Sources/sqs-batch.json"))).Kind);
    }

    [Fact]
    public async Task A_malformed_event_of_a_known_source_is_an_invocation_error()
    {
        var outcome = await Runtime.InvokeAsync("""{"Records":[{"eventSource":"aws:sqs","messageId":42}]}""");

        Assert.Equal("error", outcome.Kind);
        Assert.Equal("Function.EventFailed", outcome.ErrorTypeHeader);
        Assert.Contains("400", outcome.Json.GetProperty("errorMessage").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_event_of_an_unknown_source_is_an_invalid_event()
    {
        var outcome = await Runtime.InvokeAsync(Events.Load("Sources/kinesis.json"));

        Assert.Equal("error", outcome.Kind);
        Assert.Equal("Runtime.InvalidEvent", outcome.ErrorTypeHeader);
    }

    [Theory]
    [InlineData("/_lambda/sqs")]
    [InlineData("/_lambda/s3")]
    [InlineData("/_lambda/scheduled")]
    public async Task The_event_paths_cannot_be_reached_by_an_http_request(string path)
    {
        var request = JsonNode.Parse(Events.Load("get-query-cookies.json"))!;
        request["rawPath"] = path;
        request["rawQueryString"] = "";
        request["requestContext"]!["http"]!["method"] = "POST";
        request["requestContext"]!["http"]!["path"] = path;
        request["body"] = Events.Load("Sources/sqs-batch.json");
        request["isBase64Encoded"] = false;

        var outcome = await Runtime.InvokeAsync(request.ToJsonString());

        Assert.Equal(404, outcome.Response.StatusCode);
    }
}
