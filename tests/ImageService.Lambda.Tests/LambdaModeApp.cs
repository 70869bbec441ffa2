using System.Security.Cryptography;
using System.Text.Json;
using ImageService.Lambda.Events;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ImageService.Lambda.Tests;

/// <summary>
/// A small web app started in Lambda mode against a <see cref="FakeRuntimeApi"/>; its endpoints report what
/// they received, return binary content, set cookies and throw.
/// </summary>
public sealed partial class LambdaModeApp : IAsyncDisposable
{
    private LambdaModeApp(WebApplication app, CapturingLoggerProvider logs)
    {
        App = app;
        Logs = logs;
    }

    public WebApplication App { get; }

    public CapturingLoggerProvider Logs { get; }

    public IServer Server => App.Services.GetRequiredService<IServer>();

    public static async Task<LambdaModeApp> StartAsync(FakeRuntimeApi runtime, IDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration[LambdaEnvironment.RuntimeApiVariable] = runtime.Address;
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.Configuration[key] = value;
        }

        builder.UseLambdaHostingWhenConfigured();
        // As the API does: the host's own 500 carries the app's problem type.
        builder.Services.Configure<LambdaHostingOptions>(o => o.UnhandledErrorType = "urn:imageservice:problem:internal");
        var logs = new CapturingLoggerProvider();
        builder.Logging.ClearProviders().AddProvider(logs);
        var app = builder.Build();
        MapEndpoints(app, runtime);
        MapEventEndpoints(app, runtime);
        await app.StartAsync();
        return new LambdaModeApp(app, logs);
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }

    private static void MapEndpoints(WebApplication app, FakeRuntimeApi runtime)
    {
        // An optional JSON body, bound by minimal APIs (as PATCH /images/{id} binds its merge patch).
        app.MapPost("/json-body", (Greeting? greeting) => Results.Text(greeting is null ? "no body" : $"hello {greeting.Name}"));

        app.Map("/echo/{**rest}", async (HttpContext context, ILoggerFactory loggers) =>
        {
            var request = context.Request;
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            var logger = loggers.CreateLogger("Echo");
            LogEcho(logger, request.Method, request.Path.Value);
            var lambda = context.Features.Get<ILambdaInvocationFeature>();
            return Results.Json(new
            {
                method = request.Method,
                scheme = request.Scheme,
                protocol = request.Protocol,
                host = request.Host.Value,
                pathBase = request.PathBase.Value,
                path = request.Path.Value,
                queryString = request.QueryString.Value,
                rawTarget = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget,
                query = request.Query.ToDictionary(q => q.Key, q => q.Value.ToArray()),
                headers = request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString()),
                cookies = request.Cookies.ToDictionary(c => c.Key, c => c.Value),
                body = Convert.ToBase64String(body.ToArray()),
                remoteIp = context.Connection.RemoteIpAddress?.ToString(),
                traceIdentifier = context.TraceIdentifier,
                user = new
                {
                    authenticated = context.User.Identity?.IsAuthenticated ?? false,
                    authenticationType = context.User.Identity?.AuthenticationType,
                    name = context.User.Identity?.Name,
                    claims = context.User.Claims.Select(c => new { type = c.Type, value = c.Value, issuer = c.Issuer }),
                },
                lambda = new
                {
                    awsRequestId = lambda?.AwsRequestId,
                    invokedFunctionArn = lambda?.InvokedFunctionArn,
                    traceId = lambda?.TraceId,
                    deadline = lambda?.Deadline,
                },
                traceEnvironment = Environment.GetEnvironmentVariable("_X_AMZN_TRACE_ID"),
            });
        });

        app.MapPost("/upload", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            var file = form.Files["file"]!;
            using var content = new MemoryStream();
            await file.CopyToAsync(content);
            return Results.Json(new
            {
                title = form["title"].ToString(),
                fileName = file.FileName,
                length = content.Length,
                sha256 = Convert.ToHexString(SHA256.HashData(content.ToArray())),
            });
        });

        app.MapMethods("/image", [HttpMethods.Get, HttpMethods.Head], () => Results.Bytes(TestBytes.Image(), "image/png"));

        app.MapGet("/cookies", (HttpResponse response) =>
        {
            response.Cookies.Append("session", "s3cr3t", new CookieOptions { HttpOnly = true, Secure = true, Path = "/" });
            response.Cookies.Append("theme", "dark");
            response.Headers.Append("X-Multi", new[] { "one", "two" });
            response.Headers.CacheControl = "no-store";
            return Results.Text("cookies set", "text/plain; charset=utf-8");
        });

        app.MapGet("/starting", (HttpResponse response) =>
        {
            response.OnStarting(() =>
            {
                response.Headers["X-Started-Hook"] = "ran";
                return Task.CompletedTask;
            });
            return Results.Text("hello");
        });

        app.MapGet("/throw", IResult () => throw new InvalidOperationException("boom: secret detail"));

        app.MapGet("/throw-after-write", async (HttpResponse response) =>
        {
            await response.WriteAsync("partial output");
            throw new InvalidOperationException("failed half-way");
        });

        app.MapGet("/completed", (HttpResponse response) =>
        {
            response.OnCompleted(async () =>
            {
                await Task.Delay(300);
                runtime.Record("on-completed");
            });
            return Results.Text("done");
        });

        app.MapGet("/deadline", async (HttpContext context) =>
        {
            try
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
                return Results.Text("not aborted");
            }
            catch (OperationCanceledException)
            {
                return Results.Text("aborted at deadline", statusCode: StatusCodes.Status504GatewayTimeout);
            }
        });
    }

    private static void MapEventEndpoints(WebApplication app, FakeRuntimeApi runtime)
    {
        // SQS: every message whose body asks to fail is reported back for a retry.
        app.MapLambdaEvent(
            LambdaEventSource.Sqs,
            LambdaEventsJsonContext.Default.SqsEvent,
            LambdaEventsJsonContext.Default.SqsBatchResponse,
            (batch, _) => Task.FromResult(new SqsBatchResponse(
            [
                .. batch.Records
                    .Where(m => m.Body.Contains("\"fail\"", StringComparison.Ordinal))
                    .Select(m => new SqsBatchItemFailure(m.MessageId)),
            ])));

        app.MapLambdaEvent(LambdaEventSource.S3, LambdaEventEndpoints.S3Path, async context =>
        {
            var notifications = await JsonSerializer.DeserializeAsync(context.Request.Body, LambdaEventsJsonContext.Default.S3Event);
            await context.Response.WriteAsJsonAsync(new
            {
                objects = notifications!.Records.Select(r => $"{r.EventName} {r.S3.Bucket.Name}/{r.S3.Object.DecodedKey} {r.S3.Object.Size} {r.S3.Object.ETag}"),
                host = context.Request.Host.Value,
                awsRequestId = context.Features.Get<ILambdaInvocationFeature>()?.AwsRequestId,
                traceIdentifier = context.TraceIdentifier,
            });
        });

        app.MapLambdaEvent(LambdaEventSource.Scheduled, LambdaEventEndpoints.ScheduledPath, async context =>
        {
            var schedule = await JsonSerializer.DeserializeAsync(context.Request.Body, LambdaEventsJsonContext.Default.ScheduledEvent);
            var rule = schedule!.Resources?.SingleOrDefault() ?? "";
            if (rule.EndsWith("/throw", StringComparison.Ordinal))
            {
                throw new InvalidOperationException("the scheduled work failed");
            }

            if (rule.EndsWith("/unavailable", StringComparison.Ordinal))
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                await context.Response.WriteAsync("provider unavailable");
                return;
            }

            runtime.Record($"scheduled {schedule.DetailType} {schedule.Source} {schedule.Time:O} {rule}");
            context.Response.StatusCode = StatusCodes.Status204NoContent;
        });
    }

    internal sealed record Greeting(string Name);

    [LoggerMessage(Level = LogLevel.Information, Message = "Echoing {Method} {Path}")]
    private static partial void LogEcho(ILogger logger, string method, string? path);
}
