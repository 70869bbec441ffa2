using ImageService.Core.Accounts;
using ImageService.Storage.Local.Accounts;

namespace ImageService.Storage.Tests.Accounts;

/// <summary>The in-memory account cache of the delivery route over the embedded store: writes through it are seen at
/// once, writes by another process (another store on the same file) within <see cref="CachingAccountStore.Lifetime"/>.</summary>
public sealed class CachingAccountStoreTests(SqliteAccountsDirectory directory) : IClassFixture<SqliteAccountsDirectory>
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 5, 0, 0, TimeSpan.Zero);
    private readonly FixedTimeProvider _time = new(Now);

    [Fact]
    public async Task A_suspension_written_through_the_cache_is_seen_by_the_next_lookup()
    {
        var store = new CachingAccountStore(new SqliteAccountStore(directory.Options), _time);
        var account = await store.CreateIfAbsentAsync(Account.New("cache-suspend", "free", Now));
        Assert.Equal(AccountStatus.Active, (await store.FindByPublicKeyAsync(account.PublicKey))!.Status);

        await store.UpdateAsync(account with { Status = AccountStatus.Suspended, Version = 2 }, expectedVersion: 1);

        Assert.Equal(AccountStatus.Suspended, (await store.FindByPublicKeyAsync(account.PublicKey))!.Status);
    }

    [Fact]
    public async Task A_revoked_key_leaves_the_active_keys_at_once()
    {
        var store = new CachingAccountStore(new SqliteAccountStore(directory.Options), _time);
        var account = await store.CreateIfAbsentAsync(Account.New("cache-revoke", "free", Now));
        var key = ApiKeys.Create(account.Id, "signing", Now).Key;
        await store.AddKeyAsync(key);
        Assert.Single(await store.ListActiveKeysAsync(account.Id));

        await store.RevokeKeyAsync(account.Id, key.Id, Now);

        Assert.Empty(await store.ListActiveKeysAsync(account.Id));
    }

    [Fact]
    public async Task A_write_by_another_process_is_seen_once_the_cached_entry_expires()
    {
        var other = new SqliteAccountStore(directory.Options);
        var store = new CachingAccountStore(new SqliteAccountStore(directory.Options), _time);
        var account = await other.CreateIfAbsentAsync(Account.New("cache-other", "free", Now));
        Assert.Equal("free", (await store.FindByPublicKeyAsync(account.PublicKey))!.PlanId);

        await other.UpdateAsync(account with { PlanId = "pro", Version = 2 }, expectedVersion: 1);
        var during = await store.FindByPublicKeyAsync(account.PublicKey);
        _time.Now += CachingAccountStore.Lifetime;
        var after = await store.FindByPublicKeyAsync(account.PublicKey);

        Assert.Equal(("free", "pro"), (during!.PlanId, after!.PlanId));
    }
}
