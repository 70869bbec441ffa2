namespace ImageService.Core.CdnLogs;

/// <summary>What one log object adds to one account's month (<c>yyyy-MM</c>, UTC, from each line's date).</summary>
public sealed record EdgeUsageDelta(string AccountId, string Month, long Requests, long Bytes);
