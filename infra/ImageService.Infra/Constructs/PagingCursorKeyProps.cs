namespace ImageService.Infra.Constructs;

public sealed record PagingCursorKeyProps
{
    /// <summary>Keep the secret when the stack is deleted (the stage's retainData); otherwise it is deleted with it.</summary>
    public required bool Retain { get; init; }
}
