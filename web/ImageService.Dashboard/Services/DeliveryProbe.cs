namespace ImageService.Dashboard.Services;

/// <summary>Asks the delivery URL (HEAD, no credentials) what the preview weighs and in which format it came: the
/// rendered result is stored, so the HEAD is answered from it.</summary>
public sealed class DeliveryProbe(IFetch fetch)
{
    public async Task<string> DescribeAsync(string url)
    {
        var response = await fetch.SendAsync(new FetchRequest("HEAD", url) { Accept = "image/avif,image/webp,image/*;q=0.8" });
        if (response.Status == 0)
        {
            return "Size and format unavailable (the delivery host allows no cross-origin requests).";
        }
        if (!response.IsSuccess)
        {
            return $"The delivery URL answers {response.Status}.";
        }
        var type = response.MediaType ?? "unknown format";
        return response.ContentLength is { } bytes ? $"{DeliveryUrls.Bytes(bytes)}, {type}" : type;
    }
}
