namespace ImageService.Core.Jobs;

/// <summary>
/// A queue message (or a job's set of them) that the job store has promised and the queue may not have yet: written
/// with the job (its items) or with its settling (its callback), cleared once the enqueue returned. An entry that outlives
/// the enqueue is a crash in between, and the outbox sweep sends the messages again (duplicates are harmless: every
/// message is checked against the stored state).
/// </summary>
public sealed record JobOutboxEntry(string OwnerId, string JobId, JobOutboxKind Kind, DateTimeOffset At);
