namespace ImageService.Infra.Constructs;

public sealed record CdnAccessLogsProps
{
    /// <summary>Keep the bucket and its logs when the stack is deleted (prod); otherwise empty and delete it.</summary>
    public required bool RetainData { get; init; }
}
