namespace ImageService.Lambda.Events;

/// <summary>A message of the batch that failed; <see cref="ItemIdentifier"/> is its <see cref="SqsMessage.MessageId"/>.</summary>
public sealed record SqsBatchItemFailure(string ItemIdentifier);
