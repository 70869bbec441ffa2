namespace ImageService.Dashboard.Services;

/// <summary>An absolute <see cref="Url"/>; <see cref="Bearer"/> becomes the Authorization header (only the API's calls
/// carry one), <see cref="Accept"/> the Accept header.</summary>
public sealed record FetchRequest(string Method, string Url)
{
    public string? Body { get; init; }
    public string? ContentType { get; init; }
    public string? Bearer { get; init; }
    public string? Accept { get; init; }
}
