namespace ImageService.Core.CdnLogs;

/// <summary>
/// What ingesting one log object did. <see cref="Lines"/> counts data lines (directives excluded): each is a viewer
/// request that was attributed (in <see cref="Deltas"/>), unattributed (no known public key or custom domain), or
/// unparsed. The samples name the first few problems and unknown keys or hosts, for the log.
/// </summary>
public sealed record CdnLogIngestResult(
    CdnLogObject LogObject,
    CdnLogApplyOutcome Outcome,
    long Lines,
    long Unparsed,
    long Unattributed,
    IReadOnlyList<EdgeUsageDelta> Deltas,
    IReadOnlyList<string> UnparsedSamples,
    IReadOnlyList<string> UnattributedSamples);
