using System.Text.Json.Serialization;

namespace ImageService.Lambda.Events;

/// <summary>One message of an <see cref="SqsEvent"/>. <see cref="Attributes"/> holds SQS's system attributes
/// (<c>ApproximateReceiveCount</c>, <c>SentTimestamp</c>, …) as strings, as Lambda sends them.</summary>
public sealed record SqsMessage(
    string MessageId,
    string ReceiptHandle,
    string Body,
    IReadOnlyDictionary<string, string>? Attributes,
    [property: JsonPropertyName("eventSourceARN")] string? EventSourceArn)
{
    /// <summary>How often SQS has handed this message out, this delivery included (1 on the first).</summary>
    [JsonIgnore]
    public int ReceiveCount =>
        Attributes is not null && Attributes.TryGetValue("ApproximateReceiveCount", out var text)
            && int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var count)
            ? count
            : 1;
}
