namespace ImageService.Core.CdnLogs;

/// <summary>Where the CDN writes its access logs (the log bucket on AWS): opens one log object to ingest. Registered
/// by the AWS backend only; the embedded backend ingests files given to <c>ingest-cdn-logs</c>.</summary>
public interface ICdnLogObjects
{
    /// <summary>The object's bytes, as stored (gzip for CloudFront's logs). Null when it no longer exists.</summary>
    Task<Stream?> OpenAsync(string bucket, string key, CancellationToken cancellationToken = default);
}
