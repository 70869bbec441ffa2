namespace ImageService.Core.Usage;

/// <summary>What the CDN served for an account in a month, from its access logs: every viewer request (cache hits
/// included) and the bytes sent to viewers (<c>sc-bytes</c>, headers included).</summary>
public sealed record EdgeUsage(long Requests, long Bytes);
