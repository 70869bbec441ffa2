namespace ImageService.Lambda.HttpApi;

/// <summary>The Lambda response API Gateway reads for payload format 2.0.</summary>
internal sealed record HttpApiV2Response
{
    public required int StatusCode { get; init; }
    public required IReadOnlyDictionary<string, string> Headers { get; init; }
    public IReadOnlyList<string>? Cookies { get; init; }
    public required string Body { get; init; }
    public required bool IsBase64Encoded { get; init; }
}
