using System.Net.Http.Headers;

namespace ImageService.Dashboard.Services;

/// <summary>Asks the delivery URL (HEAD, no credentials) what the preview weighs and in which format it came: the
/// rendered result is stored, so the HEAD is answered from it.</summary>
public sealed class DeliveryProbe(HttpMessageHandler? handler = null)
{
    private readonly HttpClient http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);

    public async Task<string> DescribeAsync(string url)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Head, url);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("image/avif"));
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("image/webp"));
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("image/*", 0.8));
            using var response = await http.SendAsync(request);
            if (!response.IsSuccessStatusCode)
            {
                return $"The delivery URL answers {(int)response.StatusCode}.";
            }
            var type = response.Content.Headers.ContentType?.MediaType ?? "unknown format";
            var length = response.Content.Headers.ContentLength;
            return length is { } bytes ? $"{DeliveryUrls.Bytes(bytes)}, {type}" : type;
        }
        catch (HttpRequestException)
        {
            return "Size and format unavailable (the delivery host allows no cross-origin requests).";
        }
    }
}
