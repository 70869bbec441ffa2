using ImageService.Core.CdnLogs;

namespace ImageService.Core.Tests.CdnLogs;

/// <summary>An in-memory ledger: what the ingestor hands over, and whether it offered an id twice.</summary>
internal sealed class RecordingLedger : ICdnLogLedger
{
    public List<CdnLogObject> Offered { get; } = [];
    public Dictionary<string, IReadOnlyList<EdgeUsageDelta>> Applied { get; } = [];

    public Task<CdnLogApplyOutcome> ApplyAsync(CdnLogObject logObject, IReadOnlyList<EdgeUsageDelta> deltas, CancellationToken cancellationToken = default)
    {
        Offered.Add(logObject);
        return Task.FromResult(Applied.TryAdd(logObject.Id, deltas) ? CdnLogApplyOutcome.Applied : CdnLogApplyOutcome.AlreadyApplied);
    }
}
