namespace ImageService.Core.Usage;

/// <summary>
/// How the backend wants usage deltas written; each backend registers one with its <see cref="IUsageStore"/>.
/// <see cref="Coalesce"/>: sum the deltas of all requests in memory and write them every few milliseconds (the embedded
/// backend: one SQLite write per account instead of one per request, from a process that keeps running). Otherwise
/// every request writes its own atomic update (AWS: a Lambda instance is frozen between invocations, so a delta kept
/// in memory could wait indefinitely).
/// </summary>
public sealed record UsageWritePolicy(bool Coalesce);
