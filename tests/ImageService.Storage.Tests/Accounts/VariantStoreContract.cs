using ImageService.Core.Variants;

namespace ImageService.Storage.Tests.Accounts;

/// <summary>What both backends' variant stores promise. Each test uses its own owner ids (the store may be shared).</summary>
public abstract class VariantStoreContract
{
    private static readonly DateTimeOffset Created = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    protected abstract IVariantStore Store { get; }

    private static string NewOwner() => "owner-" + Guid.NewGuid().ToString("N");

    private static Variant NewVariant(string owner, string name, string transform = "w=320", bool eager = false, int minute = 0) => new()
    {
        OwnerId = owner,
        Name = name,
        Transform = transform,
        Eager = eager,
        CreatedAt = Created.AddMinutes(minute),
        UpdatedAt = Created.AddMinutes(minute),
    };

    [Fact]
    public async Task A_put_variant_is_read_back_and_listed_by_name()
    {
        var owner = NewOwner();
        var card = NewVariant(owner, "card", "f=webp&fit=cover&h=320&w=320", eager: true);
        var avatar = NewVariant(owner, "avatar", "w=64");

        var created = await Store.PutAsync(card, VariantNames.MaxPerAccount);
        await Store.PutAsync(avatar, VariantNames.MaxPerAccount);

        Assert.Equal(new VariantPutResult(VariantPutStatus.Created, card, null), created);
        Assert.Equal(card, await Store.GetAsync(owner, "card"));
        Assert.Equal([avatar, card], await Store.ListAsync(owner));
    }

    [Fact]
    public async Task A_replace_returns_the_previous_variant_and_keeps_the_creation_time()
    {
        var owner = NewOwner();
        var first = NewVariant(owner, "hero", "w=1200");
        await Store.PutAsync(first, VariantNames.MaxPerAccount);
        var changed = NewVariant(owner, "hero", "w=1600", eager: true, minute: 5);

        var replaced = await Store.PutAsync(changed, VariantNames.MaxPerAccount);

        var expected = changed with { CreatedAt = first.CreatedAt };
        Assert.Equal(new VariantPutResult(VariantPutStatus.Replaced, expected, first), replaced);
        Assert.Equal(expected, await Store.GetAsync(owner, "hero"));
        Assert.Single(await Store.ListAsync(owner));
    }

    [Fact]
    public async Task The_limit_refuses_one_more_but_allows_replacing_and_frees_a_slot_on_delete()
    {
        var owner = NewOwner();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(VariantPutStatus.Created, (await Store.PutAsync(NewVariant(owner, $"v{i}"), maxVariants: 3)).Status);
        }

        var fourth = await Store.PutAsync(NewVariant(owner, "v3"), maxVariants: 3);
        var replace = await Store.PutAsync(NewVariant(owner, "v1", "w=10"), maxVariants: 3);
        var deleted = await Store.DeleteAsync(owner, "v0");
        var afterDelete = await Store.PutAsync(NewVariant(owner, "v3"), maxVariants: 3);

        Assert.Equal(new VariantPutResult(VariantPutStatus.LimitReached, null, null), fourth);
        Assert.Equal(VariantPutStatus.Replaced, replace.Status);
        Assert.Equal("v0", deleted?.Name);
        Assert.Equal(VariantPutStatus.Created, afterDelete.Status);
        Assert.Equal(["v1", "v2", "v3"], (await Store.ListAsync(owner)).Select(v => v.Name));
    }

    [Fact]
    public async Task Concurrent_creates_never_pass_the_limit()
    {
        var owner = NewOwner();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Store.PutAsync(NewVariant(owner, $"c{i}"), maxVariants: 5)));

        Assert.Equal(5, results.Count(r => r.Status == VariantPutStatus.Created));
        Assert.Equal(3, results.Count(r => r.Status == VariantPutStatus.LimitReached));
        Assert.Equal(5, (await Store.ListAsync(owner)).Count);
    }

    [Fact]
    public async Task Deleting_returns_what_was_deleted_once_and_then_null()
    {
        var owner = NewOwner();
        var variant = NewVariant(owner, "gone");
        await Store.PutAsync(variant, VariantNames.MaxPerAccount);

        var first = await Store.DeleteAsync(owner, "gone");
        var second = await Store.DeleteAsync(owner, "gone");

        Assert.Equal(variant, first);
        Assert.Null(second);
        Assert.Null(await Store.GetAsync(owner, "gone"));
        Assert.Empty(await Store.ListAsync(owner));
    }

    [Fact]
    public async Task Another_owners_variants_are_invisible()
    {
        var mine = NewOwner();
        var theirs = NewOwner();
        await Store.PutAsync(NewVariant(theirs, "card"), VariantNames.MaxPerAccount);

        Assert.Null(await Store.GetAsync(mine, "card"));
        Assert.Empty(await Store.ListAsync(mine));
        Assert.Null(await Store.DeleteAsync(mine, "card"));
        Assert.NotNull(await Store.GetAsync(theirs, "card"));
    }
}
