namespace ImageService.Lambda.Events;

/// <summary>The batch an SQS event source mapping delivers (only the members the app uses).</summary>
public sealed record SqsEvent(IReadOnlyList<SqsMessage> Records);
