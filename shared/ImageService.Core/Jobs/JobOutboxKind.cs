namespace ImageService.Core.Jobs;

/// <summary>What an outbox entry stands for: a new job's item messages, or a settled job's callback message.</summary>
public enum JobOutboxKind
{
    Items,
    Callback,
}
