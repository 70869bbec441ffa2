namespace ImageService.Infra.Constructs;

public sealed record JobProcessingProps
{
    public required bool RetainData { get; init; }

    /// <summary>Receives of one message before SQS moves it to the dead-letter queue; the worker is told the same
    /// number (<c>Jobs__MaxAttempts</c>) so it dead-letters and fails the item itself on the last one.</summary>
    public int MaxReceiveCount { get; init; } = 5;
}
