using System.Diagnostics.Metrics;
using System.Text.Json;
using System.Text.Json.Nodes;
using ImageService.Api.Observability;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace ImageService.Lambda.Tests;

/// <summary>
/// The real API in Lambda mode (as <see cref="RealApiLambdaTests"/>, _HANDLER=list) writes its metrics as CloudWatch
/// Embedded Metric Format lines after each invocation, and takes the request's trace from the event's X-Ray header.
/// </summary>
public sealed class LambdaObservabilityTests : IAsyncLifetime, IDisposable
{
    private readonly StringWriter _emf = new();
    private RealApiInLambda _api = null!;

    private FakeRuntimeApi Runtime => _api.Runtime;

    public async Task InitializeAsync() =>
        _api = await RealApiInLambda.StartAsync(
            "list",
            new Dictionary<string, string?> { ["Observability:MetricsNamespace"] = "ImageService/lambda-test" },
            // The same writer, into a buffer instead of stdout.
            services => services.AddSingleton(sp => new EmbeddedMetricFormatWriter(
                sp.GetRequiredService<IMeterFactory>(), "ImageService/lambda-test", TextWriter.Synchronized(_emf), TimeProvider.System)));

    public async Task DisposeAsync() => await _api.DisposeAsync();

    public void Dispose() => _emf.Dispose();

    [Fact]
    public async Task Each_invocation_writes_its_request_metric_as_an_emf_line()
    {
        var response = (await Runtime.InvokeAsync(Event("/health").ToJsonString())).Response;
        var first = await EmfDocumentAsync(d => Dimension(d, "route_group") == "health");
        var listed = (await Runtime.InvokeAsync(Event("/images").ToJsonString())).Response;
        var second = await EmfDocumentAsync(d => Dimension(d, "route_group") == "list" && Dimension(d, "status_class") == "4xx");

        Assert.Equal((200, 401), (response.StatusCode, listed.StatusCode));
        var directive = first.GetProperty("_aws").GetProperty("CloudWatchMetrics")[0];
        Assert.Equal("ImageService/lambda-test", directive.GetProperty("Namespace").GetString());
        Assert.Equal(["route_group", "status_class"], directive.GetProperty("Dimensions")[0].EnumerateArray().Select(d => d.GetString()));
        Assert.Equal("2xx", first.GetProperty("status_class").GetString());
        Assert.Equal(1, first.GetProperty("imageservice.http.requests").GetDouble());
        Assert.Equal(1, second.GetProperty("imageservice.http.requests").GetDouble());
    }

    [Fact]
    public async Task The_events_xray_trace_becomes_the_requests_trace_and_correlation_id()
    {
        var evt = Event("/images");
        evt["headers"]!["x-amzn-trace-id"] = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";

        var response = (await Runtime.InvokeAsync(evt.ToJsonString())).Response;

        Assert.Equal(401, response.StatusCode);
        Assert.Equal("5759e988bd862e3fe1be46a994272793", response.BodyJson.GetProperty("correlationId").GetString());
    }

    private async Task<JsonElement> EmfDocumentAsync(Func<JsonElement, bool> wanted)
    {
        // The flush runs in the invocation's OnCompleted, which may finish just after the response is posted.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var documents = _emf.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => JsonDocument.Parse(line).RootElement.Clone());
            if (documents.Where(d => d.TryGetProperty("imageservice.http.requests", out _)).FirstOrDefault(wanted) is { ValueKind: JsonValueKind.Object } found)
            {
                return found;
            }
            Assert.True(DateTime.UtcNow < deadline, "no such EMF line: " + _emf);
            await Task.Delay(20);
        }
    }

    private static string? Dimension(JsonElement document, string name) =>
        document.TryGetProperty(name, out var value) ? value.GetString() : null;

    private static JsonNode Event(string rawPath)
    {
        var evt = JsonNode.Parse(Events.Load("get-binary-image.json"))!;
        evt["rawPath"] = rawPath;
        evt["headers"]!["accept"] = "application/json";
        return evt;
    }
}
