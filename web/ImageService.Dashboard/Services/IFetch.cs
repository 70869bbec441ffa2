namespace ImageService.Dashboard.Services;

/// <summary>
/// One HTTP exchange with text bodies: all the dashboard asks of HTTP (JSON to the API, a HEAD to delivery, a form to
/// Cognito). In the browser it is the browser's own <c>fetch</c> (<see cref="BrowserFetch"/>), so the download carries
/// no .NET HTTP stack (System.Net.Http, its diagnostics and Http.Json: about 80 KB compressed); the component tests
/// answer it with a fake API.
/// </summary>
public interface IFetch
{
    /// <summary>Never throws for network failures: those are <see cref="FetchResponse.Status"/> 0 with the reason as
    /// <see cref="FetchResponse.Body"/>.</summary>
    Task<FetchResponse> SendAsync(FetchRequest request);
}
