namespace ImageService.Api.CdnLogs;

/// <summary>The result of one S3 notification invocation: one entry per object record.</summary>
public sealed record CdnLogEventResult(IReadOnlyList<CdnLogObjectSummary> Objects);
