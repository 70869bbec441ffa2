using System.Text.Json.Serialization;

namespace ImageService.Lambda.Events;

/// <summary>Source-generated (trimming-safe) serialisation of the event shapes and the SQS batch answer.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    PropertyNameCaseInsensitive = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SqsEvent))]
[JsonSerializable(typeof(SqsBatchResponse))]
[JsonSerializable(typeof(S3Event))]
[JsonSerializable(typeof(ScheduledEvent))]
public sealed partial class LambdaEventsJsonContext : JsonSerializerContext;
