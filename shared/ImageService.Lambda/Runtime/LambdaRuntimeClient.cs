using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

namespace ImageService.Lambda.Runtime;

/// <summary>
/// Client for the Lambda Runtime API (version 2018-06-01) at <c>http://$AWS_LAMBDA_RUNTIME_API</c>.
/// </summary>
internal sealed class LambdaRuntimeClient : IDisposable
{
    private const string ErrorTypeHeader = "Lambda-Runtime-Function-Error-Type";
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private readonly HttpClient _http;

    public LambdaRuntimeClient(string runtimeApi)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runtimeApi);
        var handler = new SocketsHttpHandler
        {
            // The Runtime API is a local endpoint: never route it through HTTP_PROXY, never follow redirects.
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
        };
        _http = new HttpClient(handler)
        {
            BaseAddress = new Uri($"http://{runtimeApi}/2018-06-01/", UriKind.Absolute),
            // /next blocks until an event arrives, and the sandbox is frozen in between: any finite timeout
            // would fire spuriously after a thaw. Cancellation is explicit (server stopping) instead.
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    public async Task<LambdaInvocation> GetNextInvocationAsync(CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync("runtime/invocation/next", cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new LambdaRuntimeException(
                $"GET /runtime/invocation/next answered {(int)response.StatusCode}.", response.StatusCode);
        }

        var requestId = Header(response, "Lambda-Runtime-Aws-Request-Id")
            ?? throw new LambdaRuntimeException("The next invocation carries no Lambda-Runtime-Aws-Request-Id.");
        DateTimeOffset? deadline = long.TryParse(
            Header(response, "Lambda-Runtime-Deadline-Ms"), NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : null;
        var payload = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        return new LambdaInvocation(
            requestId,
            deadline,
            Header(response, "Lambda-Runtime-Invoked-Function-Arn"),
            Header(response, "Lambda-Runtime-Trace-Id"),
            payload);
    }

    public async Task PostResponseAsync(string awsRequestId, byte[] payload, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(payload);
        content.Headers.ContentType = Json;
        using var response = await _http.PostAsync(InvocationPath(awsRequestId, "response"), content, cancellationToken)
            .ConfigureAwait(false);
        EnsureAccepted(response, "response");
    }

    public async Task PostErrorAsync(string awsRequestId, LambdaError error, CancellationToken cancellationToken)
    {
        using var request = ErrorRequest(InvocationPath(awsRequestId, "error"), error);
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        EnsureAccepted(response, "error");
    }

    /// <summary>
    /// Reports a start-up failure. Synchronous on purpose: it runs while the process is going down
    /// (from an unhandled-exception handler), where nothing asynchronous is certain to complete.
    /// </summary>
    public void PostInitError(LambdaError error)
    {
        using var request = ErrorRequest("runtime/init/error", error);
        using var response = _http.Send(request);
        EnsureAccepted(response, "init/error");
    }

    public void Dispose() => _http.Dispose();

    private static string InvocationPath(string awsRequestId, string kind) =>
        $"runtime/invocation/{Uri.EscapeDataString(awsRequestId)}/{kind}";

    private static HttpRequestMessage ErrorRequest(string path, LambdaError error)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(
            new LambdaErrorBody(error.Message, error.Type), LambdaJsonContext.Default.LambdaErrorBody);
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = Json;
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.TryAddWithoutValidation(ErrorTypeHeader, error.Type);
        return request;
    }

    private static void EnsureAccepted(HttpResponseMessage response, string kind)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new LambdaRuntimeException(
                $"POST {kind} answered {(int)response.StatusCode}.", response.StatusCode);
        }
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
