using System.Net;
using System.Text;

namespace ImageService.Dashboard.Tests;

/// <summary>The API as the dashboard sees it: canned answers per method and path (query included when given), and a
/// log of every request with its body, so tests assert on what the page sent.</summary>
public sealed class FakeApi : HttpMessageHandler
{
    private readonly List<(HttpMethod Method, string Path, Func<HttpRequestMessage, HttpResponseMessage> Answer)> routes = [];

    public List<(HttpMethod Method, string PathAndQuery, string? Body, string? Authorization)> Requests { get; } = [];

    public FakeApi On(HttpMethod method, string path, int status, string json, string contentType = "application/json")
    {
        routes.Insert(0, (method, path, _ => new HttpResponseMessage((HttpStatusCode)status) { Content = new StringContent(json, Encoding.UTF8, contentType) }));
        return this;
    }

    public FakeApi Problem(HttpMethod method, string path, int status, string json) => On(method, path, status, json, "application/problem+json");

    public IEnumerable<string?> BodiesOf(HttpMethod method, string path) =>
        Requests.Where(r => r.Method == method && r.PathAndQuery.Split('?')[0] == path).Select(r => r.Body);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var pathAndQuery = request.RequestUri!.PathAndQuery;
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        Requests.Add((request.Method, pathAndQuery, body, request.Headers.Authorization?.ToString()));
        foreach (var (method, path, answer) in routes)
        {
            if (method == request.Method && (path == pathAndQuery || path == pathAndQuery.Split('?')[0]))
            {
                return answer(request);
            }
        }
        return new HttpResponseMessage(HttpStatusCode.NotFound)
        {
            Content = new StringContent("""{"type":"urn:imageservice:problem:not-found","title":"Not found.","status":404}""", Encoding.UTF8, "application/problem+json"),
        };
    }
}
