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
        var limiter = new RateLimiter(Store, new FixedTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(1_800_000_000_250)));
        var account = "acct-" + Guid.NewGuid();

        var first = await limiter.TryAcquireAsync(account, requestsPerSecond: 2);
        var second = await limiter.TryAcquireAsync(account, requestsPerSecond: 2);
        var third = await limiter.TryAcquireAsync(account, requestsPerSecond: 2);

        Assert.Equal((true, 1, 0), (first.Allowed, first.Remaining, first.RetryAfterSeconds));
        Assert.Equal((true, 0), (second.Allowed, second.Remaining));
        Assert.Equal((false, 0, 1), (third.Allowed, third.Remaining, third.RetryAfterSeconds));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_800_000_001), third.ResetAt);
    }
}
