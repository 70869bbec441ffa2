using ImageService.Core.Storage;

namespace ImageService.Storage.Tests.Accounts;

/// <summary>What both backends' records of pending CDN purges promise. Other tests may share the store, so each test
/// looks only at the ids it made.</summary>
public abstract class PendingPurgeStoreContract
{
    private static readonly DateTimeOffset Created = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    protected abstract IPendingPurgeStore Store { get; }

    private static PendingPurge NewPurge(int minute, params string[] paths) =>
        new($"{minute:D2}-{Guid.NewGuid():N}", paths, Created.AddMinutes(minute), Attempts: 1);

    private async Task<List<PendingPurge>> OursAsync(params PendingPurge[] purges)
    {
        var ids = purges.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        return (await Store.ListAsync()).Where(p => ids.Contains(p.Id)).ToList();
    }

    [Fact]
    public async Task Recorded_purges_list_oldest_first_with_their_paths_in_order()
    {
        var later = NewPurge(5, "/pk_b/img_2*");
        var earlier = NewPurge(1, "/pk_a/img_1*", "/img_1*", "/pk_a/shop/hat.jpg*");
        await Store.AddAsync(later);
        await Store.AddAsync(earlier);

        var listed = await OursAsync(later, earlier);

        Assert.Equal([earlier.Id, later.Id], listed.Select(p => p.Id));
        Assert.Equal(earlier.Paths, listed[0].Paths);
        Assert.Equal(later.Paths, listed[1].Paths);
        Assert.Equal((earlier.CreatedAt, 1), (listed[0].CreatedAt, listed[0].Attempts));
    }

    [Fact]
    public async Task Attempts_are_updated_and_a_removed_purge_stays_removed()
    {
        var kept = NewPurge(1, "/a*");
        var done = NewPurge(2, "/b*");
        await Store.AddAsync(kept);
        await Store.AddAsync(done);

        await Store.SetAttemptsAsync(kept.Id, 4);
        await Store.RemoveAsync(done.Id);
        await Store.SetAttemptsAsync(done.Id, 9); // a retry that finished after another process removed it
        await Store.RemoveAsync("never-recorded");

        var listed = await OursAsync(kept, done);
        Assert.Equal(kept.Id, Assert.Single(listed).Id);
        Assert.Equal(4, listed[0].Attempts);
    }
}
