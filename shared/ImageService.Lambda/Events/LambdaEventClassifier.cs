using System.Text.Json;

namespace ImageService.Lambda.Events;

/// <summary>Tells a non-HTTP invocation's source from the event's shape (Lambda passes no source header).</summary>
internal static class LambdaEventClassifier
{
    public static LambdaEventSource? Classify(byte[] payload)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            if (root.TryGetProperty("Records", out var records)
                && records.ValueKind == JsonValueKind.Array
                && records.GetArrayLength() > 0
                && records[0].ValueKind == JsonValueKind.Object
                && records[0].TryGetProperty("eventSource", out var eventSource))
            {
                return eventSource.ValueKind != JsonValueKind.String ? null : eventSource.GetString() switch
                {
                    "aws:sqs" => LambdaEventSource.Sqs,
                    "aws:s3" => LambdaEventSource.S3,
                    _ => null,
                };
            }

            return root.TryGetProperty("detail-type", out var detailType)
                && detailType.ValueKind == JsonValueKind.String
                && detailType.GetString() == "Scheduled Event"
                ? LambdaEventSource.Scheduled
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
