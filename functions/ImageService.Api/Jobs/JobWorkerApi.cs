using System.Globalization;
using ImageService.Api.Hosting;
using ImageService.Core.Jobs;
using ImageService.Lambda;
using ImageService.Lambda.Events;

namespace ImageService.Api.Jobs;

/// <summary>
/// The worker function's only endpoint: the jobs queue's SQS batches (<c>/_lambda/sqs</c>, reachable from Lambda events
/// only). Each message goes through <see cref="JobDispatcher"/>; the answer is a partial batch response
/// (<c>ReportBatchItemFailures</c>) naming the messages SQS must deliver again: those being retried (their visibility
/// already moved to the backoff) and those whose handling failed outright. Acknowledged, deferred (re-sent) and
/// dead-lettered messages are done with, so Lambda deletes them.
/// </summary>
public static class JobWorkerApi
{
    public static IEndpointRouteBuilder MapJobWorker(this IEndpointRouteBuilder routes, ApiRouteGroups groups)
    {
        ArgumentNullException.ThrowIfNull(routes);
        if (groups.HasFlag(ApiRouteGroups.Worker))
        {
            routes.MapLambdaEvent(LambdaEventSource.Sqs, LambdaEventsJsonContext.Default.SqsEvent, LambdaEventsJsonContext.Default.SqsBatchResponse,
                (batch, context) => HandleBatchAsync(batch, context.RequestServices.GetRequiredService<JobDispatcher>(),
                    context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(JobWorkerApi).FullName!), context.RequestAborted));
        }
        return routes;
    }

    public static async Task<SqsBatchResponse> HandleBatchAsync(SqsEvent batch, JobDispatcher dispatcher, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(dispatcher);
        var failures = new List<SqsBatchItemFailure>();
        foreach (var record in batch.Records ?? [])
        {
            var message = new QueuedMessage(record.MessageId, record.ReceiptHandle, record.Body, record.ReceiveCount, SentAt(record));
            MessageDisposition disposition;
            try
            {
                disposition = await dispatcher.HandleAsync(message, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Log.MessageFailed(logger, ex, record.MessageId);
                disposition = MessageDisposition.Retrying;
            }
            if (disposition == MessageDisposition.Retrying)
            {
                failures.Add(new SqsBatchItemFailure(record.MessageId));
            }
        }
        return new SqsBatchResponse(failures);
    }

    private static DateTimeOffset SentAt(SqsMessage record) =>
        record.Attributes is not null && record.Attributes.TryGetValue("SentTimestamp", out var text)
            && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var millis)
            ? DateTimeOffset.FromUnixTimeMilliseconds(millis)
            : DateTimeOffset.UnixEpoch;
}
