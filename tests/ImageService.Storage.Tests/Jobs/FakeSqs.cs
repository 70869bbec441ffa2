using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ImageService.Storage.Tests.Aws;

namespace ImageService.Storage.Tests.Jobs;

/// <summary>
/// An in-memory SQS behind <see cref="FakeAwsJsonService"/>, for the operations the jobs queue uses: SendMessageBatch,
/// SendMessage (delay, string attributes), ReceiveMessage (visibility, receive count, SentTimestamp), DeleteMessage and
/// ChangeMessageVisibility, with SQS's MD5 digests (the SDK checks them) and its errors (an unknown queue, a stale
/// receipt handle). A body containing "refuse-me" is refused inside a batch, as SQS reports a failed entry.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5351", Justification = "SQS's own digests are MD5; the SDK verifies them.")]
public sealed class FakeSqs
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, List<StoredMessage>> _queues;
    private int _sequence;

    public FakeSqs(params string[] queueUrls) => _queues = queueUrls.ToDictionary(u => u, _ => new List<StoredMessage>(), StringComparer.Ordinal);

    /// <summary>When set, every call answers this error instead (status, __type).</summary>
    public (int Status, string Type)? Failure { get; set; }

    public IReadOnlyList<StoredMessage> Messages(string queueUrl)
    {
        lock (_lock)
        {
            return [.. _queues[queueUrl]];
        }
    }

    public (int Status, string Json) Handle(string target, JsonElement body)
    {
        if (Failure is { } failure)
        {
            return FakeAwsJsonService.Error(failure.Status, failure.Type, "failing on purpose");
        }
        var url = body.TryGetProperty("QueueUrl", out var u) ? u.GetString() ?? "" : "";
        lock (_lock)
        {
            if (!_queues.TryGetValue(url, out var queue))
            {
                return FakeAwsJsonService.Error(400, "com.amazonaws.sqs#QueueDoesNotExist", "The specified queue does not exist.");
            }
            var now = DateTimeOffset.UtcNow;
            switch (target)
            {
                case "AmazonSQS.SendMessageBatch":
                    var successful = new JsonArray();
                    var failed = new JsonArray();
                    foreach (var entry in body.GetProperty("Entries").EnumerateArray())
                    {
                        var text = entry.GetProperty("MessageBody").GetString()!;
                        if (text.Contains("refuse-me", StringComparison.Ordinal))
                        {
                            failed.Add(new JsonObject { ["Id"] = entry.GetProperty("Id").GetString(), ["Code"] = "InternalError", ["Message"] = "refused", ["SenderFault"] = false });
                            continue;
                        }
                        var stored = Store(queue, text, 0, new Dictionary<string, string>(StringComparer.Ordinal), now);
                        successful.Add(new JsonObject { ["Id"] = entry.GetProperty("Id").GetString(), ["MessageId"] = stored.MessageId, ["MD5OfMessageBody"] = Md5(text) });
                    }
                    return (200, new JsonObject { ["Successful"] = successful, ["Failed"] = failed }.ToJsonString());
                case "AmazonSQS.SendMessage":
                {
                    var text = body.GetProperty("MessageBody").GetString()!;
                    var delay = body.TryGetProperty("DelaySeconds", out var d) ? d.GetInt32() : 0;
                    var attributes = new SortedDictionary<string, string>(StringComparer.Ordinal);
                    if (body.TryGetProperty("MessageAttributes", out var attrs))
                    {
                        foreach (var attribute in attrs.EnumerateObject())
                        {
                            attributes[attribute.Name] = attribute.Value.GetProperty("StringValue").GetString()!;
                        }
                    }
                    var stored = Store(queue, text, delay, attributes, now);
                    var answer = new JsonObject { ["MessageId"] = stored.MessageId, ["MD5OfMessageBody"] = Md5(text) };
                    if (attributes.Count > 0)
                    {
                        answer["MD5OfMessageAttributes"] = AttributesMd5(attributes);
                    }
                    return (200, answer.ToJsonString());
                }
                case "AmazonSQS.ReceiveMessage":
                {
                    var max = body.TryGetProperty("MaxNumberOfMessages", out var m) ? m.GetInt32() : 1;
                    var visibility = body.TryGetProperty("VisibilityTimeout", out var v) ? v.GetInt32() : 30;
                    var messages = new JsonArray();
                    foreach (var message in queue.Where(q => q.VisibleAt <= now).Take(max))
                    {
                        message.ReceiveCount++;
                        message.Receipt = "rh-" + Interlocked.Increment(ref _sequence).ToString(CultureInfo.InvariantCulture);
                        message.VisibleAt = now.AddSeconds(visibility);
                        messages.Add(new JsonObject
                        {
                            ["MessageId"] = message.MessageId,
                            ["ReceiptHandle"] = message.Receipt,
                            ["MD5OfBody"] = Md5(message.Body),
                            ["Body"] = message.Body,
                            ["Attributes"] = new JsonObject
                            {
                                ["ApproximateReceiveCount"] = message.ReceiveCount.ToString(CultureInfo.InvariantCulture),
                                ["SentTimestamp"] = message.SentAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
                            },
                        });
                    }
                    return (200, new JsonObject { ["Messages"] = messages }.ToJsonString());
                }
                case "AmazonSQS.DeleteMessage":
                    return queue.RemoveAll(q => q.Receipt == body.GetProperty("ReceiptHandle").GetString()) == 1
                        ? (200, "{}")
                        : FakeAwsJsonService.Error(400, "com.amazonaws.sqs#ReceiptHandleIsInvalid", "The receipt handle is not valid.");
                case "AmazonSQS.ChangeMessageVisibility":
                {
                    var message = queue.Find(q => q.Receipt == body.GetProperty("ReceiptHandle").GetString());
                    if (message is null)
                    {
                        return FakeAwsJsonService.Error(400, "com.amazonaws.sqs#ReceiptHandleIsInvalid", "The receipt handle is not valid.");
                    }
                    message.VisibleAt = now.AddSeconds(body.GetProperty("VisibilityTimeout").GetInt32());
                    return (200, "{}");
                }
                default:
                    return FakeAwsJsonService.Error(400, "UnknownOperationException", target);
            }
        }
    }

    private StoredMessage Store(List<StoredMessage> queue, string body, int delaySeconds, IReadOnlyDictionary<string, string> attributes, DateTimeOffset now)
    {
        var stored = new StoredMessage("msg-" + Interlocked.Increment(ref _sequence).ToString(CultureInfo.InvariantCulture), body, delaySeconds,
            attributes, now) { VisibleAt = now.AddSeconds(delaySeconds) };
        queue.Add(stored);
        return stored;
    }

    private static string Md5(string text) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>SQS's digest of string message attributes: for each, by name, the length-prefixed name, data type, a 1
    /// (string transport) and the length-prefixed value.</summary>
    private static string AttributesMd5(SortedDictionary<string, string> attributes)
    {
        using var buffer = new MemoryStream();
        void Field(string value)
        {
            var bytes = Encoding.UTF8.GetBytes(value);
            buffer.Write([(byte)(bytes.Length >> 24), (byte)(bytes.Length >> 16), (byte)(bytes.Length >> 8), (byte)bytes.Length]);
            buffer.Write(bytes);
        }
        foreach (var (name, value) in attributes)
        {
            Field(name);
            Field("String");
            buffer.WriteByte(1);
            Field(value);
        }
        return Convert.ToHexStringLower(MD5.HashData(buffer.ToArray()));
    }

    public sealed record StoredMessage(string MessageId, string Body, int DelaySeconds, IReadOnlyDictionary<string, string> Attributes, DateTimeOffset SentAt)
    {
        public int ReceiveCount { get; set; }
        public string? Receipt { get; set; }
        public DateTimeOffset VisibleAt { get; set; }
    }
}
