using ImageService.Core.Accounts;
using ImageService.Core.CdnLogs;

namespace ImageService.Api.CdnLogs;

/// <summary>
/// Ingests CDN access log objects into edge usage (<see cref="CdnLogIngestor"/>) and says in the log what each did:
/// applied or skipped, lines, and the unparsed and unattributed lines with the first few reasons and unknown keys or
/// hosts. Shared by the S3-notification endpoint (<see cref="CdnLogEvents"/>) and the <c>ingest-cdn-logs</c> command.
/// </summary>
public sealed partial class CdnLogIngestion(IAccountStore accounts, ICdnLogLedger ledger, ILogger<CdnLogIngestion> logger)
{
    private readonly CdnLogIngestor _ingestor = new(accounts, ledger);

    public async Task<CdnLogIngestResult> IngestAsync(Stream content, string source, string? etag, CancellationToken cancellationToken)
    {
        var result = await _ingestor.IngestAsync(content, source, etag, cancellationToken);
        LogIngested(logger, source, result.Outcome, result.Lines, result.Unparsed, result.Unattributed, result.LogObject.Id);
        if (result.Unparsed > 0)
        {
            LogUnparsed(logger, result.Unparsed, source, string.Join("; ", result.UnparsedSamples));
        }
        if (result.Unattributed > 0)
        {
            LogUnattributed(logger, result.Unattributed, source, string.Join("; ", result.UnattributedSamples));
        }
        return result;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "CDN log {Source}: {Outcome}, {Lines} lines, {Unparsed} unparsed, {Unattributed} unattributed (object {ObjectId})")]
    private static partial void LogIngested(ILogger logger, string source, CdnLogApplyOutcome outcome, long lines, long unparsed, long unattributed, string objectId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Unparsed} lines of CDN log {Source} do not parse, e.g. {Samples}")]
    private static partial void LogUnparsed(ILogger logger, long unparsed, string source, string samples);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Unattributed} requests in CDN log {Source} name no known account: {Samples}")]
    private static partial void LogUnattributed(ILogger logger, long unattributed, string source, string samples);
}
