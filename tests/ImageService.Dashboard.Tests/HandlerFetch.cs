using System.Net.Http.Headers;
using System.Text;
using ImageService.Dashboard.Services;

namespace ImageService.Dashboard.Tests;

/// <summary>The dashboard's <see cref="IFetch"/> answered by an <see cref="HttpMessageHandler"/> (<see cref="FakeApi"/>),
/// with the headers the browser's fetch would send (js/fetch.js).</summary>
public sealed class HandlerFetch(HttpMessageHandler handler) : IFetch
{
    public async Task<FetchResponse> SendAsync(FetchRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), request.Url);
        if (request.Body is not null)
        {
            message.Content = new StringContent(request.Body, Encoding.UTF8);
            message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(request.ContentType ?? "text/plain");
        }
        if (request.Bearer is not null)
        {
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", request.Bearer);
        }
        if (request.Accept is not null)
        {
            message.Headers.TryAddWithoutValidation("Accept", request.Accept);
        }
        using var http = new HttpClient(handler, disposeHandler: false);
        try
        {
            using var response = await http.SendAsync(message);
            var body = await response.Content.ReadAsStringAsync();
            return new FetchResponse((int)response.StatusCode, response.Content.Headers.ContentType?.ToString(),
                response.Content.Headers.ContentLength, request.Method == "HEAD" ? "" : body);
        }
        catch (HttpRequestException ex)
        {
            return new FetchResponse(0, null, null, ex.Message);
        }
    }
}
