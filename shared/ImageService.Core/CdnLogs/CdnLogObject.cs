namespace ImageService.Core.CdnLogs;

/// <summary>
/// One log object as the ledger records it. <see cref="Id"/> is the lower-case hex SHA-256 of the log's decompressed
/// text: the same log applies once whether it arrives through an S3 event (again and again) or as a downloaded copy
/// given to <c>ingest-cdn-logs</c>. <see cref="Source"/> (<c>s3://bucket/key</c> or a file path) and
/// <see cref="ETag"/> are kept for operators.
/// </summary>
public sealed record CdnLogObject(string Id, string Source, string? ETag);
