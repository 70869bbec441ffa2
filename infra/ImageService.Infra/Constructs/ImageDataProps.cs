namespace ImageService.Infra.Constructs;

public sealed record ImageDataProps
{
    /// <summary>Keep the table and bucket when the stack goes away (prod); otherwise they are destroyed with it.</summary>
    public required bool RetainData { get; init; }

    public required bool Versioning { get; init; }

    /// <summary>Browser origins that may upload straight to the bucket with a presigned request.</summary>
    public required IReadOnlyList<string> CorsAllowedOrigins { get; init; }
}
