using System.Text.Json.Serialization;

namespace ImageService.Core.Jobs;

/// <summary>The queue message body, <c>{"ownerId":…,"jobId":…,"itemId":…}</c>, the same on SQS and in SQLite.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(JobMessage))]
public sealed partial class JobMessageJsonContext : JsonSerializerContext;
