using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ImageService.Api.Tests.Jobs;

/// <summary>A queue-style workflow provider on loopback, made by the tests: it can be healthy, failing (503), or slow
/// (answers after its client has given up). A healthy run is "running" on its first poll and "succeeded" on the next;
/// its result is the PNG the test chose.</summary>
public sealed class FakeProvider : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, int> _polls = new(StringComparer.Ordinal);

    private FakeProvider(WebApplication app) => _app = app;

    private volatile string _mode = "healthy";
    private int _calls;

    public string Mode { get => _mode; set => _mode = value; }

    public byte[] Result { get; set; } = [];

    public ConcurrentQueue<string> Submissions { get; } = new();

    public int Calls => Volatile.Read(ref _calls);

    public string BaseUrl => _app.Urls.First() + "/v1";

    public static async Task<FakeProvider> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var provider = new FakeProvider(app);
        app.Use(async (context, next) =>
        {
            Interlocked.Increment(ref provider._calls);
            switch (provider.Mode)
            {
                case "failing":
                    context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                    return;
                case "slow":
                    await Task.Delay(TimeSpan.FromSeconds(2), context.RequestAborted);
                    return;
            }
            if (context.Request.Headers.Authorization != "Bearer provider-key")
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return;
            }
            await next(context);
        });
        app.MapPost("/v1/runs", async (HttpContext context) =>
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body);
            provider.Submissions.Enqueue(body.RootElement.GetProperty("workflow").GetString() + " " + body.RootElement.GetProperty("parameters").GetRawText());
            var id = "run_" + Guid.NewGuid().ToString("N")[..8];
            return Results.Text($$"""{"id":"{{id}}","status":"queued"}""", "application/json", statusCode: 202);
        });
        app.MapGet("/v1/runs/{id}", (string id) =>
            Results.Text($$"""{"id":"{{id}}","status":"{{(provider._polls.AddOrUpdate(id, 1, (_, n) => n + 1) > 1 ? "succeeded" : "running")}}"}""", "application/json"));
        app.MapGet("/v1/runs/{id}/result", (string id) => Results.Bytes(provider.Result, "image/png"));
        await app.StartAsync();
        return provider;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
