using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ImageService.Lambda.Tests;

/// <summary>
/// The Lambda Runtime API (2018-06-01) as the function sees it, served by Kestrel on a free loopback port:
/// tests queue events and await what the runtime posts back.
/// </summary>
public sealed class FakeRuntimeApi : IAsyncDisposable
{
    private static readonly TimeSpan OutcomeTimeout = TimeSpan.FromSeconds(20);

    private readonly WebApplication _app;
    private readonly Channel<QueuedInvocation> _queue = Channel.CreateUnbounded<QueuedInvocation>();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<RuntimeOutcome>> _outcomes = new();
    private readonly TaskCompletionSource<RuntimeOutcome> _initError = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentQueue<string> _timeline = new();
    private int _nextStatusCode = StatusCodes.Status200OK;
    private int _responseLimit = int.MaxValue;

    private FakeRuntimeApi(WebApplication app) => _app = app;

    /// <summary>"127.0.0.1:port", the value Lambda puts in AWS_LAMBDA_RUNTIME_API.</summary>
    public string Address { get; private set; } = "";

    /// <summary>What happened, in order: "next", "response:{id}", "error:{id}", and whatever tests record.</summary>
    public IReadOnlyList<string> Timeline => [.. _timeline];

    /// <summary>Completes when a /next request is abandoned by the runtime (it hung up while waiting).</summary>
    public TaskCompletionSource NextAbandoned { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<RuntimeOutcome> InitError => _initError.Task;

    public static async Task<FakeRuntimeApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeRuntimeApi(app);
        fake.Map(app);
        await app.StartAsync();
        fake.Address = new Uri(app.Urls.Single()).Authority;
        return fake;
    }

    public void Record(string entry) => _timeline.Enqueue(entry);

    /// <summary>Makes every later /next answer with this status instead of an event.</summary>
    public void FailNextWith(int statusCode) => _nextStatusCode = statusCode;

    /// <summary>Answers 413 to /response posts above this many bytes, as Lambda does above its 6 MB limit.</summary>
    public void LimitResponsesTo(int bytes) => _responseLimit = bytes;

    public Task<RuntimeOutcome> InvokeAsync(string eventJson, string? traceId = null, DateTimeOffset? deadline = null) =>
        InvokeAsync(System.Text.Encoding.UTF8.GetBytes(eventJson), traceId, deadline);

    public async Task<RuntimeOutcome> InvokeAsync(byte[] payload, string? traceId = null, DateTimeOffset? deadline = null)
    {
        var id = Guid.NewGuid().ToString();
        var outcome = new TaskCompletionSource<RuntimeOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        _outcomes[id] = outcome;
        await _queue.Writer.WriteAsync(new QueuedInvocation(id, payload, traceId, deadline ?? DateTimeOffset.UtcNow.AddMinutes(1)));
        return await outcome.Task.WaitAsync(OutcomeTimeout);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private void Map(WebApplication app)
    {
        app.MapGet("/2018-06-01/runtime/invocation/next", async (HttpContext context) =>
        {
            Record("next");
            if (_nextStatusCode != StatusCodes.Status200OK)
            {
                context.Response.StatusCode = _nextStatusCode;
                return;
            }

            QueuedInvocation invocation;
            try
            {
                invocation = await _queue.Reader.ReadAsync(context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                NextAbandoned.TrySetResult();
                return;
            }

            var headers = context.Response.Headers;
            headers["Lambda-Runtime-Aws-Request-Id"] = invocation.Id;
            headers["Lambda-Runtime-Deadline-Ms"] = invocation.Deadline.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
            headers["Lambda-Runtime-Invoked-Function-Arn"] = "arn:aws:lambda:eu-west-1:123456789012:function:images-get";
            if (invocation.TraceId is not null)
            {
                headers["Lambda-Runtime-Trace-Id"] = invocation.TraceId;
            }

            context.Response.ContentType = "application/json";
            await context.Response.Body.WriteAsync(invocation.Payload);
        });

        app.MapPost("/2018-06-01/runtime/invocation/{id}/response", (string id, HttpContext context) => Complete("response", id, context));
        app.MapPost("/2018-06-01/runtime/invocation/{id}/error", (string id, HttpContext context) => Complete("error", id, context));
        app.MapPost("/2018-06-01/runtime/init/error", async (HttpContext context) =>
        {
            Record("init-error");
            _initError.TrySetResult(await ReadOutcomeAsync("init-error", context));
            return Results.Accepted();
        });
    }

    private async Task<IResult> Complete(string kind, string id, HttpContext context)
    {
        var outcome = await ReadOutcomeAsync(kind, context);
        if (kind == "response" && outcome.Body.Length > _responseLimit)
        {
            Record($"too-large:{id}");
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        Record($"{kind}:{id}");
        if (!_outcomes.TryRemove(id, out var pending))
        {
            return Results.BadRequest();
        }

        pending.TrySetResult(outcome);
        return Results.Accepted();
    }

    private static async Task<RuntimeOutcome> ReadOutcomeAsync(string kind, HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        return new RuntimeOutcome(
            kind,
            body.ToArray(),
            context.Request.ContentType,
            context.Request.Headers["Lambda-Runtime-Function-Error-Type"].FirstOrDefault());
    }

    private sealed record QueuedInvocation(string Id, byte[] Payload, string? TraceId, DateTimeOffset Deadline);
}
