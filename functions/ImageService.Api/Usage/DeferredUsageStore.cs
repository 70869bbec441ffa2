using ImageService.Core.Usage;

namespace ImageService.Api.Usage;

/// <summary>The usage store, resolved at its first call. <see cref="UsageRecorder"/> is a hosted service, built at every
/// start, and the store behind it opens a database file (embedded backend) that a function recording no usage (list,
/// get, update, delete) never reads: a Lambda cold start of those would open it for nothing.</summary>
internal sealed class DeferredUsageStore(Func<IUsageStore> resolve) : IUsageStore
{
    private readonly Lazy<IUsageStore> _store = new(resolve, LazyThreadSafetyMode.ExecutionAndPublication);

    public Task AddAsync(string accountId, string month, UsageDelta delta, CancellationToken cancellationToken = default) =>
        _store.Value.AddAsync(accountId, month, delta, cancellationToken);

    public Task<UsageCounters> GetAsync(string accountId, string month, CancellationToken cancellationToken = default) =>
        _store.Value.GetAsync(accountId, month, cancellationToken);
}
