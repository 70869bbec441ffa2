using ImageService.Core.Accounts;
using ImageService.Core.Variants;
using ImageService.Storage.Local.Accounts;

namespace ImageService.Storage.Tests.Accounts;

/// <summary>The in-memory variant cache of <c>?variant=</c> delivery over the embedded store: changes through it are seen
/// at once, another process's within <see cref="CachingAccountStore.Lifetime"/>.</summary>
public sealed class CachingVariantStoreTests(SqliteAccountsDirectory directory) : IClassFixture<SqliteAccountsDirectory>
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly FixedTimeProvider _time = new(Now);

    private static Variant Card(string owner, string transform) =>
        new() { OwnerId = owner, Name = "card", Transform = transform, CreatedAt = Now, UpdatedAt = Now };

    [Fact]
    public async Task A_change_or_delete_through_the_cache_is_seen_by_the_next_lookup()
    {
        var store = new CachingVariantStore(new SqliteVariantStore(directory.Options), _time);
        Assert.Null(await store.GetAsync("cv-own", "card"));

        await store.PutAsync(Card("cv-own", "w=100"), VariantNames.MaxPerAccount);
        var created = await store.GetAsync("cv-own", "card");
        await store.PutAsync(Card("cv-own", "w=200"), VariantNames.MaxPerAccount);
        var changed = await store.GetAsync("cv-own", "card");
        await store.DeleteAsync("cv-own", "card");

        Assert.Equal(("w=100", "w=200"), (created?.Transform, changed?.Transform));
        Assert.Null(await store.GetAsync("cv-own", "card"));
    }

    [Fact]
    public async Task A_change_by_another_process_is_seen_once_the_cached_entry_expires()
    {
        var other = new SqliteVariantStore(directory.Options);
        var store = new CachingVariantStore(new SqliteVariantStore(directory.Options), _time);
        await other.PutAsync(Card("cv-other", "w=100"), VariantNames.MaxPerAccount);
        Assert.Equal("w=100", (await store.GetAsync("cv-other", "card"))?.Transform);

        await other.PutAsync(Card("cv-other", "w=300"), VariantNames.MaxPerAccount);
        var during = await store.GetAsync("cv-other", "card");
        _time.Now += CachingAccountStore.Lifetime;
        var after = await store.GetAsync("cv-other", "card");

        Assert.Equal(("w=100", "w=300"), (during?.Transform, after?.Transform));
    }
}
