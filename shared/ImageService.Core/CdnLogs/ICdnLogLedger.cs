namespace ImageService.Core.CdnLogs;

/// <summary>
/// Applies the edge usage of a log object exactly once, however often it is offered: the ledger of applied objects and
/// the counters change together (one SQLite transaction), or through a protocol that makes every counter update
/// idempotent per object (DynamoDB without transactions), so a crash between the two never counts twice or not at all.
/// </summary>
public interface ICdnLogLedger
{
    Task<CdnLogApplyOutcome> ApplyAsync(CdnLogObject logObject, IReadOnlyList<EdgeUsageDelta> deltas, CancellationToken cancellationToken = default);
}
