namespace ImageService.Core.Storage;

/// <summary>
/// The durable record of CDN purges (<see cref="ICdnInvalidator"/> calls) that failed and are still being retried, in
/// the backend's own store (a SQLite table on the embedded backend, items of the accounts table on AWS), so a restart
/// resumes them. Ids are unique; <see cref="ListAsync"/> answers oldest first.
/// </summary>
public interface IPendingPurgeStore
{
    Task AddAsync(PendingPurge purge, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<PendingPurge>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Records that <paramref name="attempts"/> attempts have failed; a purge removed meanwhile stays removed.</summary>
    Task SetAttemptsAsync(string id, int attempts, CancellationToken cancellationToken = default);

    /// <summary>Forgets a purge that succeeded; removing an unknown id is not an error.</summary>
    Task RemoveAsync(string id, CancellationToken cancellationToken = default);
}
