namespace ImageService.Lambda.Events;

/// <summary>The answer to an <see cref="SqsEvent"/> with <c>ReportBatchItemFailures</c>: the messages to retry; every
/// other message of the batch is deleted from the queue.</summary>
public sealed record SqsBatchResponse(IReadOnlyList<SqsBatchItemFailure> BatchItemFailures);
