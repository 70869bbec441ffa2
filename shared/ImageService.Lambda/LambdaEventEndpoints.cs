using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ImageService.Lambda.Events;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ImageService.Lambda;

/// <summary>
/// Endpoints for non-HTTP Lambda events. <see cref="LambdaServer"/> runs an SQS batch, S3 notifications or an
/// EventBridge schedule through the app's pipeline as <c>POST</c> to <see cref="SqsPath"/>, <see cref="S3Path"/> or
/// <see cref="ScheduledPath"/> with the raw event as the JSON body; a 2xx answer's body is the invocation's result, any
/// other status an invocation error (so Lambda retries the event). Requests that did not come from such an event get
/// 404, so the paths cannot be reached over HTTP, on Kestrel or through API Gateway's catch-all routes.
/// </summary>
public static class LambdaEventEndpoints
{
    public const string SqsPath = "/_lambda/sqs";
    public const string S3Path = "/_lambda/s3";
    public const string ScheduledPath = "/_lambda/scheduled";

    /// <summary>The path <see cref="LambdaServer"/> posts events of <paramref name="source"/> to.</summary>
    public static string PathOf(LambdaEventSource source) => source switch
    {
        LambdaEventSource.Sqs => SqsPath,
        LambdaEventSource.S3 => S3Path,
        LambdaEventSource.Scheduled => ScheduledPath,
        _ => throw new ArgumentOutOfRangeException(nameof(source), source, "Not a Lambda event source the host knows."),
    };

    /// <summary>Maps <paramref name="handler"/> for events of <paramref name="source"/> at <paramref name="pattern"/>,
    /// which must be <see cref="PathOf"/> the source.</summary>
    public static IEndpointConventionBuilder MapLambdaEvent(
        this IEndpointRouteBuilder endpoints, LambdaEventSource source, string pattern, RequestDelegate handler)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(handler);
        if (!string.Equals(pattern, PathOf(source), StringComparison.Ordinal))
        {
            throw new ArgumentException($"{source} events arrive at {PathOf(source)}, not {pattern}.", nameof(pattern));
        }

        return endpoints.MapPost(pattern, context =>
            {
                if (context.Features.Get<LambdaEventFeature>()?.Source != source)
                {
                    context.Response.StatusCode = StatusCodes.Status404NotFound;
                    return Task.CompletedTask;
                }

                return handler(context);
            })
            .WithMetadata(new LambdaEventEndpointMetadata(source))
            .ExcludeFromDescription();
    }

    /// <summary>Maps a typed handler: the event is read with <paramref name="eventType"/> (a malformed one is a 400, so
    /// an invocation error) and the result written with <paramref name="resultType"/>.</summary>
    public static IEndpointConventionBuilder MapLambdaEvent<TEvent, TResult>(
        this IEndpointRouteBuilder endpoints,
        LambdaEventSource source,
        JsonTypeInfo<TEvent> eventType,
        JsonTypeInfo<TResult> resultType,
        Func<TEvent, HttpContext, Task<TResult>> handler)
    {
        ArgumentNullException.ThrowIfNull(eventType);
        ArgumentNullException.ThrowIfNull(resultType);
        ArgumentNullException.ThrowIfNull(handler);
        return endpoints.MapLambdaEvent(source, PathOf(source), async context =>
        {
            TEvent? payload;
            try
            {
                payload = await JsonSerializer.DeserializeAsync(context.Request.Body, eventType, context.RequestAborted);
            }
            catch (JsonException ex)
            {
                await WriteBadEventAsync(context, $"The {source} event does not have the expected shape: {ex.Message}");
                return;
            }

            if (payload is null)
            {
                await WriteBadEventAsync(context, $"The {source} event is null.");
                return;
            }

            var result = await handler(payload, context);
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = "application/json";
            await JsonSerializer.SerializeAsync(context.Response.Body, result, resultType, context.RequestAborted);
        });
    }

    private static Task WriteBadEventAsync(HttpContext context, string message)
    {
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(message, context.RequestAborted);
    }
}
