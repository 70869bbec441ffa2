using System.Text.Json.Serialization;

namespace ImageService.Lambda.Events;

/// <summary>An EventBridge scheduled event; <see cref="Resources"/> names the rule that fired.</summary>
public sealed record ScheduledEvent(
    string Id,
    [property: JsonPropertyName("detail-type")] string DetailType,
    string Source,
    DateTimeOffset Time,
    IReadOnlyList<string>? Resources);
