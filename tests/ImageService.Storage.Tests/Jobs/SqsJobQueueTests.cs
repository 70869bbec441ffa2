using System.Text.Json.Nodes;
using Amazon.Runtime;
using Amazon.SQS;
using ImageService.Core.Jobs;
using ImageService.Core.Storage;
using ImageService.Storage.Aws;
using ImageService.Storage.Aws.Jobs;
using ImageService.Storage.Tests.Aws;

namespace ImageService.Storage.Tests.Jobs;

/// <summary>
/// The SQS adapter through the real AWSSDK.SQS 4.x client against a loopback fake of the SQS JSON protocol
/// (<see cref="FakeSqs"/>): the calls each queue operation makes, what comes back, and how failures are reported.
/// </summary>
public sealed class SqsJobQueueTests : IAsyncLifetime
{
    private const string QueueUrl = "http://127.0.0.1/123456789012/jobs";
    private const string DeadLetterUrl = "http://127.0.0.1/123456789012/jobs-dlq";

    private readonly FakeSqs _sqs = new(QueueUrl, DeadLetterUrl);
    private FakeAwsJsonService _service = null!;
    private SqsJobQueue _queue = null!;

    public async Task InitializeAsync()
    {
        _service = await FakeAwsJsonService.StartAsync(_sqs.Handle);
        _queue = Queue(QueueUrl);
    }

    public async Task DisposeAsync() => await _service.DisposeAsync();

    [Fact]
    public async Task Enqueue_sends_json_batches_of_ten_with_the_job_messages_as_bodies()
    {
        var messages = Enumerable.Range(0, 12).Select(i => JobMessage.Item("owner", "job_1", i.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();

        await _queue.EnqueueAsync(messages);

        var calls = _service.Calls.ToList();
        Assert.Equal(["AmazonSQS.SendMessageBatch", "AmazonSQS.SendMessageBatch"], calls.Select(c => c.Target));
        Assert.All(calls, c => Assert.StartsWith("application/x-amz-json-1.0", c.ContentType, StringComparison.Ordinal));
        Assert.All(calls, c => Assert.Contains("/eu-west-1/sqs/aws4_request", c.Authorization, StringComparison.Ordinal));
        Assert.Equal([10, 2], calls.Select(c => JsonNode.Parse(c.Body)!["Entries"]!.AsArray().Count));
        Assert.Equal(messages.Select(JobMessages.Write), _sqs.Messages(QueueUrl).Select(m => m.Body));
    }

    [Fact]
    public async Task Receive_asks_for_the_receive_count_and_sent_time_and_maps_them_to_the_attempt()
    {
        await _queue.EnqueueAsync([JobMessage.Item("owner", "job_1", "0"), JobMessage.Callback("owner", "job_1")]);
        var sent = _sqs.Messages(QueueUrl)[0].SentAt;

        var first = await _queue.ReceiveAsync(25, TimeSpan.FromSeconds(1.2), TimeSpan.FromSeconds(40));

        var request = JsonNode.Parse(_service.Calls.Last().Body)!;
        Assert.Equal("AmazonSQS.ReceiveMessage", _service.Calls.Last().Target);
        // Clamped to SQS's limits: 10 messages, 20 s of long polling; the visibility rounded up to whole seconds.
        Assert.Equal((10, 2, 20), (request["MaxNumberOfMessages"]!.GetValue<int>(), request["VisibilityTimeout"]!.GetValue<int>(), request["WaitTimeSeconds"]!.GetValue<int>()));
        Assert.Equal(["ApproximateReceiveCount", "SentTimestamp"], request["MessageSystemAttributeNames"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal(2, first.Count);
        Assert.Equal((JobMessages.Write(JobMessage.Item("owner", "job_1", "0")), 1), (first[0].Body, first[0].Attempt));
        Assert.Equal(sent.ToUnixTimeMilliseconds(), first[0].EnqueuedAt.ToUnixTimeMilliseconds());
        Assert.Equal(_sqs.Messages(QueueUrl)[0].Receipt, first[0].Receipt);

        // Back after its visibility: the next delivery is the second attempt.
        await _queue.RetryAsync(first[0], TimeSpan.Zero);
        var again = Assert.Single(await _queue.ReceiveAsync(1, TimeSpan.FromSeconds(30), TimeSpan.Zero));
        Assert.Equal((first[0].MessageId, 2), (again.MessageId, again.Attempt));
    }

    [Fact]
    public async Task Ack_deletes_and_retry_changes_the_visibility_to_the_backoff_by_receipt_handle()
    {
        await _queue.EnqueueAsync([JobMessage.Item("owner", "job_1", "0"), JobMessage.Item("owner", "job_1", "1")]);
        var received = await _queue.ReceiveAsync(2, TimeSpan.FromSeconds(30), TimeSpan.Zero);

        await _queue.AckAsync(received[0]);
        await _queue.RetryAsync(received[1], TimeSpan.FromSeconds(7.5));

        var calls = _service.Calls.TakeLast(2).ToList();
        Assert.Equal(("AmazonSQS.DeleteMessage", received[0].Receipt), (calls[0].Target, JsonNode.Parse(calls[0].Body)!["ReceiptHandle"]!.GetValue<string>()));
        var change = JsonNode.Parse(calls[1].Body)!;
        Assert.Equal(("AmazonSQS.ChangeMessageVisibility", received[1].Receipt, 8),
            (calls[1].Target, change["ReceiptHandle"]!.GetValue<string>(), change["VisibilityTimeout"]!.GetValue<int>()));
        var left = Assert.Single(_sqs.Messages(QueueUrl));
        Assert.Equal(received[1].MessageId, left.MessageId);
    }

    [Fact]
    public async Task Defer_resends_the_body_with_a_delay_and_deletes_the_original_so_no_receive_is_used_up()
    {
        await _queue.EnqueueAsync([JobMessage.Item("owner", "job_w", "0")]);
        var received = Assert.Single(await _queue.ReceiveAsync(1, TimeSpan.FromSeconds(30), TimeSpan.Zero));

        await _queue.DeferAsync(received, TimeSpan.FromHours(1));

        var resent = Assert.Single(_sqs.Messages(QueueUrl));
        Assert.NotEqual(received.MessageId, resent.MessageId);
        Assert.Equal((received.Body, 900, 0), (resent.Body, resent.DelaySeconds, resent.ReceiveCount)); // SQS's longest delay: 15 min
    }

    [Fact]
    public async Task A_dead_letter_goes_to_the_dead_letter_queue_with_its_reason_and_leaves_the_queue()
    {
        await _queue.EnqueueAsync([JobMessage.Item("owner", "job_p", "0")]);
        var received = Assert.Single(await _queue.ReceiveAsync(1, TimeSpan.FromSeconds(30), TimeSpan.Zero));

        await _queue.DeadLetterAsync(received, "InvalidOperationException: broken input");

        Assert.Empty(_sqs.Messages(QueueUrl));
        var letter = Assert.Single(_sqs.Messages(DeadLetterUrl));
        Assert.Equal(received.Body, letter.Body);
        Assert.Equal("InvalidOperationException: broken input", letter.Attributes[SqsJobQueue.ReasonAttribute]);
    }

    [Fact]
    public async Task A_refused_batch_entry_and_an_unavailable_service_are_storage_unavailable()
    {
        var refused = await Assert.ThrowsAsync<StorageUnavailableException>(() =>
            _queue.EnqueueAsync([JobMessage.Item("owner", "job_1", "0"), JobMessage.Item("owner", "refuse-me", "1")]));
        Assert.Contains("SQS refused 1 of 2 messages: InternalError", refused.Message, StringComparison.Ordinal);

        _sqs.Failure = (500, "InternalError");
        await Assert.ThrowsAsync<StorageUnavailableException>(() => _queue.ReceiveAsync(1, TimeSpan.FromSeconds(30), TimeSpan.Zero));
        _sqs.Failure = (400, "ThrottlingException");
        await Assert.ThrowsAsync<StorageUnavailableException>(() => _queue.EnqueueAsync([JobMessage.Item("owner", "job_1", "2")]));
    }

    [Fact]
    public async Task A_queue_that_does_not_exist_is_the_sdks_own_error_not_unavailability()
    {
        var queue = Queue("http://127.0.0.1/123456789012/missing");

        var error = await Assert.ThrowsAnyAsync<AmazonSQSException>(() => queue.EnqueueAsync([JobMessage.Item("owner", "job_1", "0")]));

        Assert.IsNotType<StorageUnavailableException>(error);
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stale_receipt_handle_is_refused_by_sqs_and_reported()
    {
        await _queue.EnqueueAsync([JobMessage.Item("owner", "job_1", "0")]);
        var received = Assert.Single(await _queue.ReceiveAsync(1, TimeSpan.FromSeconds(30), TimeSpan.Zero));
        await _queue.AckAsync(received);

        await Assert.ThrowsAnyAsync<AmazonSQSException>(() => _queue.AckAsync(received));
    }

    private SqsJobQueue Queue(string queueUrl)
    {
        // No SDK retries: each failure is seen at once (the retry policy is the SDK's, not the adapter's).
        var client = AwsClients.CreateSqs(new AwsStorageOptions { Region = "eu-west-1", MaxErrorRetry = 0 }, _service.Url, null,
            new BasicAWSCredentials("AKIDTEST", "secret"));
        return new SqsJobQueue(client, new AwsJobsOptions { QueueUrl = new Uri(queueUrl), DeadLetterQueueUrl = new Uri(DeadLetterUrl) });
    }
}
