namespace ImageService.Dashboard.Services;

/// <summary>The answer: <see cref="Status"/> 0 when nothing came back (network failure, CORS refusal), with the reason
/// in <see cref="Body"/>. <see cref="ContentLength"/> is the header's value (a HEAD has no body to measure).</summary>
public sealed record FetchResponse(int Status, string? ContentType, long? ContentLength, string Body)
{
    public bool IsSuccess => Status is >= 200 and < 300;

    /// <summary>The media type without parameters (<c>image/webp</c>).</summary>
    public string? MediaType => ContentType?.Split(';')[0].Trim() is { Length: > 0 } type ? type : null;
}
