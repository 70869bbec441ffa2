using System.Globalization;
using System.Runtime.InteropServices.JavaScript;
using System.Runtime.Versioning;

namespace ImageService.Dashboard.Services;

/// <summary><see cref="IFetch"/> through the browser's <c>fetch</c> (js/fetch.js), called with [JSImport]: arguments
/// and the answer cross as strings and a plain object, no JSON serialiser on the .NET side.</summary>
[SupportedOSPlatform("browser")]
public sealed partial class BrowserFetch(Uri appBase) : IFetch
{
    private const string ModuleName = "imageservice-fetch";
    private Task? imported;

    public async Task<FetchResponse> SendAsync(FetchRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        await (imported ??= JSHost.ImportAsync(ModuleName, new Uri(appBase, "js/fetch.js").ToString()));
        using var answer = await Send(request.Method, request.Url, request.Body, request.ContentType, request.Bearer, request.Accept);
        var length = answer.GetPropertyAsString("contentLength");
        return new FetchResponse(
            answer.GetPropertyAsInt32("status"),
            answer.GetPropertyAsString("contentType"),
            long.TryParse(length, NumberStyles.None, CultureInfo.InvariantCulture, out var bytes) ? bytes : null,
            answer.GetPropertyAsString("body") ?? "");
    }

    [JSImport("send", ModuleName)]
    private static partial Task<JSObject> Send(string method, string url, string? body, string? contentType, string? bearer, string? accept);
}
