namespace ImageService.Api.CdnLogs;

/// <summary>What one notified log object did, in the S3 invocation's result (<c>outcome</c>: applied, alreadyApplied,
/// inProgress, missing, failed).</summary>
public sealed record CdnLogObjectSummary(string Source, string Outcome, long Lines, long Unparsed, long Unattributed);
