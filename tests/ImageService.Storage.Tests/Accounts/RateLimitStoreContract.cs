using ImageService.Core.Usage;

namespace ImageService.Storage.Tests.Accounts;

public abstract class RateLimitStoreContract
{
    protected abstract IRateLimitStore Store { get; }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(49)]
    public async Task Exactly_the_limit_of_50_parallel_acquisitions_pass(int limit)
    {
        var account = "acct-" + Guid.NewGuid();

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ =>
            Task.Run(() => Store.TryAcquireAsync(account, 1_800_000_000, limit))));

        Assert.Equal(limit, results.Count(r => r.Acquired));
        Assert.Equal(Enumerable.Range(1, limit).Select(i => (long)i), results.Where(r => r.Acquired).Select(r => r.Count).Order());
    }

    [Fact]
    public async Task A_new_window_starts_from_zero_and_accounts_do_not_share_windows()
    {
        var account = "acct-" + Guid.NewGuid();
        var other = "acct-" + Guid.NewGuid();

        Assert.True((await Store.TryAcquireAsync(account, 1_800_000_000, 1)).Acquired);
        Assert.False((await Store.TryAcquireAsync(account, 1_800_000_000, 1)).Acquired);
        Assert.True((await Store.TryAcquireAsync(other, 1_800_000_000, 1)).Acquired);
        var next = await Store.TryAcquireAsync(account, 1_800_000_001, 1);

        Assert.True(next.Acquired);
        Assert.Equal(1, next.Count);
    }

    [Fact]
    public async Task The_limiter_answers_remaining_and_retry_after_from_the_store()
    {
        var limiter = new DeliveryRateLimiter(Store, new FixedTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(1_800_000_000_250)));
        var account = "acct-" + Guid.NewGuid();

        var first = await limiter.TryAcquireAsync(account, requestsPerSecond: 2);
        var second = await limiter.TryAcquireAsync(account, requestsPerSecond: 2);
        var third = await limiter.TryAcquireAsync(account, requestsPerSecond: 2);

        Assert.Equal((true, 1, 0), (first.Allowed, first.Remaining, first.RetryAfterSeconds));
        Assert.Equal((true, 0), (second.Allowed, second.Remaining));
        Assert.Equal((false, 0, 1), (third.Allowed, third.Remaining, third.RetryAfterSeconds));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_800_000_001), third.ResetAt);
    }

    [Fact]
    public async Task Blocks_of_permits_never_take_the_window_past_its_limit()
    {
        var account = "acct-" + Guid.NewGuid();

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ =>
            Task.Run(() => Store.TryAcquireAsync(account, 1_800_000_000, limit: 49, permits: 3))));

        // 16 blocks of 3 make 48; a 17th would make 51.
        Assert.Equal(16, results.Count(r => r.Acquired));
        Assert.Equal(Enumerable.Range(1, 16).Select(i => 3L * i), results.Where(r => r.Acquired).Select(r => r.Count).Order());
        Assert.True((await Store.TryAcquireAsync(account, 1_800_000_000, limit: 49, permits: 1)).Acquired);
        Assert.False((await Store.TryAcquireAsync(account, 1_800_000_000, limit: 49, permits: 1)).Acquired);
    }

    [Fact]
    public async Task A_block_larger_than_the_limit_is_refused_and_takes_nothing()
    {
        var account = "acct-" + Guid.NewGuid();

        Assert.False((await Store.TryAcquireAsync(account, 1_800_000_000, limit: 2, permits: 3)).Acquired);

        var single = await Store.TryAcquireAsync(account, 1_800_000_000, limit: 2, permits: 2);
        Assert.Equal((true, 2L), (single.Acquired, single.Count));
    }

    [Fact]
    public async Task A_busy_instance_reserves_blocks_yet_is_admitted_exactly_the_limit()
    {
        var time = new FixedTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(1_800_000_000_100));
        var store = new CountingStore(Store);
        var limiter = new DeliveryRateLimiter(store, time);
        var account = "acct-" + Guid.NewGuid();
        const int limit = 640;
        // A busy previous second (300 requests) sizes this instance's blocks: min(64, 640 / 16, 300 / 8) = 37.
        await AcquireInParallelAsync(limiter, account, limit, 300);
        time.Now = time.Now.AddSeconds(1);
        var writesBefore = store.Writes;

        var allowed = await AcquireInParallelAsync(limiter, account, limit, 800);

        Assert.Equal(limit, allowed);
        // 640 permits in blocks of 37 plus single permits near the end, instead of one write per request.
        Assert.InRange(store.Writes - writesBefore, 18, 120);
    }

    [Fact]
    public async Task Two_instances_sharing_the_store_never_admit_more_than_the_limit_together()
    {
        var time = new FixedTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(1_800_000_000_100));
        var first = new DeliveryRateLimiter(Store, time);
        var second = new DeliveryRateLimiter(Store, time);
        var account = "acct-" + Guid.NewGuid();
        const int limit = 640;
        await Task.WhenAll(AcquireInParallelAsync(first, account, limit, 300), AcquireInParallelAsync(second, account, limit, 300));
        time.Now = time.Now.AddSeconds(1);

        var allowed = await Task.WhenAll(AcquireInParallelAsync(first, account, limit, 500), AcquireInParallelAsync(second, account, limit, 500));

        // Never more than the limit; at most one unused block (under 37 permits) per instance is lost to the other.
        Assert.InRange(allowed.Sum(), limit - (2 * 36), limit);
    }

    private static async Task<int> AcquireInParallelAsync(DeliveryRateLimiter limiter, string account, int limit, int requests)
    {
        var decisions = await Task.WhenAll(Enumerable.Range(0, requests).Select(_ => Task.Run(() => limiter.TryAcquireAsync(account, limit))));
        return decisions.Count(d => d.Allowed);
    }

    private sealed class CountingStore(IRateLimitStore inner) : IRateLimitStore
    {
        private int _writes;

        public int Writes => Volatile.Read(ref _writes);

        public Task<RateWindowResult> TryAcquireAsync(string accountId, long windowStart, int limit, int permits = 1, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _writes);
            return inner.TryAcquireAsync(accountId, windowStart, limit, permits, cancellationToken);
        }
    }
}
