using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ImageService.Storage.Tests.Aws;

/// <summary>
/// A loopback server of the AWS JSON protocol (what AWSSDK.SQS 4.x and Secrets Manager speak): every call is a POST to
/// <c>/</c> whose <c>X-Amz-Target</c> names the operation and whose body is JSON. The test supplies the operations'
/// behaviour; each request is recorded (target, content type, authorization, body) so the test can check what the
/// adapter sent. An answer is a status and a JSON text; errors use the protocol's <c>{"__type", "message"}</c>.
/// </summary>
public sealed class FakeAwsJsonService : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeAwsJsonService(WebApplication app) => _app = app;

    public ConcurrentQueue<RecordedCall> Calls { get; } = new();

    public Uri Url => new(_app.Urls.First() + "/");

    public static async Task<FakeAwsJsonService> StartAsync(Func<string, JsonElement, (int Status, string Json)> handle)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var service = new FakeAwsJsonService(app);
        app.MapPost("/", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            var text = await reader.ReadToEndAsync();
            var target = context.Request.Headers["X-Amz-Target"].ToString();
            service.Calls.Enqueue(new RecordedCall(target, context.Request.ContentType ?? "", context.Request.Headers.Authorization.ToString(), text));
            using var document = JsonDocument.Parse(text.Length == 0 ? "{}" : text);
            var (status, json) = handle(target, document.RootElement);
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/x-amz-json-1.0";
            await context.Response.WriteAsync(json);
        });
        await app.StartAsync();
        return service;
    }

    public static (int, string) Error(int status, string type, string message) =>
        (status, new JsonObject { ["__type"] = type, ["message"] = message }.ToJsonString());

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    public sealed record RecordedCall(string Target, string ContentType, string Authorization, string Body);
}
