using System.Text.Json;
using ImageService.Api.Hosting;
using ImageService.Core.CdnLogs;
using ImageService.Lambda;
using ImageService.Lambda.Events;

namespace ImageService.Api.CdnLogs;

/// <summary>
/// The log-ingest function's one endpoint: S3 notifications of new objects in the CDN's log bucket (Lambda event,
/// <c>POST /_lambda/s3</c>; unreachable over HTTP). Each created object is read and applied exactly once
/// (<see cref="ICdnLogLedger"/>). When any object failed, or another invocation still holds one, the invocation
/// answers 503 so Lambda retries the event; objects already applied are skipped on the retry, so it adds only what is
/// missing.
/// </summary>
public static partial class CdnLogEvents
{
    public static IEndpointRouteBuilder MapCdnLogEvents(this IEndpointRouteBuilder routes, ApiRouteGroups groups)
    {
        ArgumentNullException.ThrowIfNull(routes);
        if (groups.HasFlag(ApiRouteGroups.CdnLogs))
        {
            routes.MapLambdaEvent(LambdaEventSource.S3, LambdaEventEndpoints.S3Path, HandleAsync);
        }
        return routes;
    }

    private static async Task HandleAsync(HttpContext context)
    {
        var services = context.RequestServices;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(CdnLogEvents).FullName!);
        S3Event? notification;
        try
        {
            notification = await JsonSerializer.DeserializeAsync(context.Request.Body, LambdaEventsJsonContext.Default.S3Event, context.RequestAborted);
        }
        catch (JsonException ex)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync($"The S3 event does not have the expected shape: {ex.Message}", context.RequestAborted);
            return;
        }

        var objects = services.GetRequiredService<ICdnLogObjects>();
        var ingestion = services.GetRequiredService<CdnLogIngestion>();
        var summaries = new List<CdnLogObjectSummary>();
        foreach (var record in notification?.Records ?? [])
        {
            if (!record.EventName.StartsWith("ObjectCreated:", StringComparison.Ordinal))
            {
                continue;
            }
            var bucket = record.S3.Bucket.Name;
            var key = record.S3.Object.DecodedKey;
            var source = $"s3://{bucket}/{key}";
            try
            {
                await using var content = await objects.OpenAsync(bucket, key, context.RequestAborted);
                if (content is null)
                {
                    LogMissing(logger, source);
                    summaries.Add(new CdnLogObjectSummary(source, "missing", 0, 0, 0));
                    continue;
                }
                var result = await ingestion.IngestAsync(content, source, record.S3.Object.ETag, context.RequestAborted);
                summaries.Add(new CdnLogObjectSummary(source, JsonNamingPolicy.CamelCase.ConvertName(result.Outcome.ToString()),
                    result.Lines, result.Unparsed, result.Unattributed));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The other objects of the event still count; the invocation fails at the end so Lambda retries it.
                LogFailed(logger, ex, source);
                summaries.Add(new CdnLogObjectSummary(source, "failed", 0, 0, 0));
            }
        }

        var retry = summaries.Any(s => s.Outcome is "failed" or "inProgress");
        context.Response.StatusCode = retry ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(context.Response.Body, new CdnLogEventResult(summaries), CdnLogJsonContext.Default.CdnLogEventResult,
            context.RequestAborted);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "CDN log {Source} no longer exists; nothing to ingest")]
    private static partial void LogMissing(ILogger logger, string source);

    [LoggerMessage(Level = LogLevel.Error, Message = "CDN log {Source} could not be ingested; the event will be retried")]
    private static partial void LogFailed(ILogger logger, Exception exception, string source);
}
