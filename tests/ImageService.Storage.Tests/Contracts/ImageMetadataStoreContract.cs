using ImageService.Core.Images;
using ImageService.Core.Storage;

namespace ImageService.Storage.Tests.Contracts;

/// <summary>
/// The observable behaviour every <see cref="IImageMetadataStore"/> must share; one subclass per backend.
/// Each test uses fresh owner ids, so the backends' data may be shared between tests.
/// </summary>
public abstract class ImageMetadataStoreContract
{
    protected abstract IImageMetadataStore Store { get; }

    [Fact]
    public async Task Created_record_reads_back_field_for_field()
    {
        var owner = Records.NewOwner();
        var record = Records.Image(owner, albumId: "trips", tags: ["sea", "evening"]);

        await Store.CreateAsync(record);

        Records.Same(record, await Store.GetAsync(owner, record.Id));
    }

    [Fact]
    public async Task Record_without_optional_fields_reads_back_with_them_absent()
    {
        var owner = Records.NewOwner();
        var record = Records.Image(owner) with { Title = null, Description = null, AlbumId = null, Tags = [] };

        await Store.CreateAsync(record);

        Records.Same(record, await Store.GetAsync(owner, record.Id));
    }

    [Fact]
    public async Task Creating_an_id_that_exists_is_a_conflict_and_keeps_the_first_record()
    {
        var owner = Records.NewOwner();
        var first = Records.Image(owner);
        await Store.CreateAsync(first);

        await Assert.ThrowsAsync<ConflictException>(() => Store.CreateAsync(first with { Title = "Second" }));

        Records.Same(first, await Store.GetAsync(owner, first.Id));
    }

    [Fact]
    public async Task Another_owners_image_reads_as_absent()
    {
        var record = Records.Image(Records.NewOwner());
        await Store.CreateAsync(record);

        Assert.Null(await Store.GetAsync(Records.NewOwner(), record.Id));
    }

    [Fact]
    public async Task Missing_image_reads_as_absent()
    {
        Assert.Null(await Store.GetAsync(Records.NewOwner(), Records.NewId()));
    }

    [Fact]
    public async Task Listing_250_images_page_by_page_returns_each_exactly_once_newest_first()
    {
        var owner = Records.NewOwner();
        var created = Enumerable.Range(0, 250).Select(minute => Records.Image(owner, minute)).ToArray();
        await CreateAllAsync(created);

        var pages = await AllPagesAsync(new ImageQuery { OwnerId = owner, Limit = 40 });

        Assert.Equal([40, 40, 40, 40, 40, 40, 10], pages.Select(p => p.Count));
        Assert.Equal(created.Reverse().Select(r => r.Id), pages.SelectMany(p => p).Select(r => r.Id));
    }

    [Fact]
    public async Task Exactly_full_last_page_has_no_next_cursor()
    {
        var owner = Records.NewOwner();
        await CreateAllAsync(Enumerable.Range(0, 6).Select(minute => Records.Image(owner, minute)));

        var page = await Store.ListAsync(new ImageQuery { OwnerId = owner, Limit = 6 });

        Assert.Equal(6, page.Items.Count);
        Assert.Null(page.Next);
    }

    [Fact]
    public async Task Images_created_at_the_same_instant_list_by_id_descending()
    {
        var owner = Records.NewOwner();
        var twins = new[] { "b-image", "a-image", "c-image" }.Select(id => Records.Image(owner, 5, id: $"{id}-{owner}")).ToArray();
        await CreateAllAsync(twins);

        var pages = await AllPagesAsync(new ImageQuery { OwnerId = owner, Limit = 2 });

        Assert.Equal(twins.Select(r => r.Id).OrderDescending(StringComparer.Ordinal), pages.SelectMany(p => p).Select(r => r.Id));
    }

    [Fact]
    public async Task Listing_shows_only_the_owners_ready_images()
    {
        var owner = Records.NewOwner();
        var ready = Records.Image(owner, 1);
        await CreateAllAsync([ready, Records.Image(owner, 2, status: ImageStatus.Pending), Records.Image(Records.NewOwner(), 3)]);

        var page = await Store.ListAsync(new ImageQuery { OwnerId = owner });

        Assert.Equal([ready.Id], page.Items.Select(r => r.Id));
        Assert.Null(page.Next);
    }

    [Fact]
    public async Task Pending_image_becomes_listed_once_updated_to_ready()
    {
        var owner = Records.NewOwner();
        var pending = Records.Image(owner, albumId: "inbox", status: ImageStatus.Pending);
        await Store.CreateAsync(pending);

        await Store.UpdateAsync(pending with { Status = ImageStatus.Ready, Version = 2 }, expectedVersion: 1);

        Assert.Equal([pending.Id], (await Store.ListAsync(new ImageQuery { OwnerId = owner })).Items.Select(r => r.Id));
        Assert.Equal([pending.Id], (await Store.ListAsync(new ImageQuery { OwnerId = owner, AlbumId = "inbox" })).Items.Select(r => r.Id));
    }

    [Fact]
    public async Task Album_filter_lists_only_that_album_of_that_owner_in_full_pages()
    {
        var owner = Records.NewOwner();
        var inAlbum = Enumerable.Range(0, 9).Select(minute => Records.Image(owner, minute * 2, albumId: "holiday")).ToArray();
        var elsewhere = Enumerable.Range(0, 9).Select(minute => Records.Image(owner, minute * 2 + 1, albumId: "work")).ToArray();
        var otherOwner = Records.Image(Records.NewOwner(), 100, albumId: "holiday");
        await CreateAllAsync([.. inAlbum, .. elsewhere, otherOwner]);

        var pages = await AllPagesAsync(new ImageQuery { OwnerId = owner, AlbumId = "holiday", Limit = 4 });

        Assert.Equal([4, 4, 1], pages.Select(p => p.Count));
        Assert.Equal(inAlbum.Reverse().Select(r => r.Id), pages.SelectMany(p => p).Select(r => r.Id));
    }

    [Fact]
    public async Task Tag_filter_returns_full_pages_and_skips_nothing()
    {
        var owner = Records.NewOwner();
        // Every fifth image is tagged: most of what the store reads must be filtered out.
        var all = Enumerable.Range(0, 100).Select(minute => Records.Image(owner, minute, tags: minute % 5 == 0 ? ["cat", "pet"] : ["dog"])).ToArray();
        await CreateAllAsync(all);

        var pages = await AllPagesAsync(new ImageQuery { OwnerId = owner, Tag = "cat", Limit = 6 });

        Assert.Equal([6, 6, 6, 2], pages.Select(p => p.Count));
        Assert.Equal(all.Where(r => r.Tags.Contains("cat")).Reverse().Select(r => r.Id), pages.SelectMany(p => p).Select(r => r.Id));
    }

    [Fact]
    public async Task Album_and_tag_filters_combine()
    {
        var owner = Records.NewOwner();
        var match = Records.Image(owner, 1, albumId: "zoo", tags: ["cat"]);
        await CreateAllAsync([match, Records.Image(owner, 2, albumId: "zoo", tags: ["dog"]), Records.Image(owner, 3, albumId: "home", tags: ["cat"])]);

        var page = await Store.ListAsync(new ImageQuery { OwnerId = owner, AlbumId = "zoo", Tag = "cat" });

        Assert.Equal([match.Id], page.Items.Select(r => r.Id));
    }

    [Fact]
    public async Task Tag_matching_nothing_lists_an_empty_last_page()
    {
        var owner = Records.NewOwner();
        await CreateAllAsync(Enumerable.Range(0, 5).Select(minute => Records.Image(owner, minute, tags: ["dog"])));

        var page = await Store.ListAsync(new ImageQuery { OwnerId = owner, Tag = "unicorn" });

        Assert.Empty(page.Items);
        Assert.Null(page.Next);
    }

    [Fact]
    public async Task Update_with_the_current_version_replaces_the_record()
    {
        var owner = Records.NewOwner();
        var record = Records.Image(owner, tags: ["old"]);
        await Store.CreateAsync(record);
        var updated = record with { Title = "Renamed", Tags = ["new", "tags"], AlbumId = "moved", Version = 2, UpdatedAt = record.UpdatedAt.AddHours(1) };

        await Store.UpdateAsync(updated, expectedVersion: 1);

        Records.Same(updated, await Store.GetAsync(owner, record.Id));
        Assert.Equal([record.Id], (await Store.ListAsync(new ImageQuery { OwnerId = owner, AlbumId = "moved" })).Items.Select(r => r.Id));
    }

    [Fact]
    public async Task Update_with_a_stale_version_fails_its_precondition_and_changes_nothing()
    {
        var owner = Records.NewOwner();
        var record = Records.Image(owner);
        await Store.CreateAsync(record);
        await Store.UpdateAsync(record with { Title = "First", Version = 2 }, expectedVersion: 1);

        await Assert.ThrowsAsync<PreconditionFailedException>(() => Store.UpdateAsync(record with { Title = "Lost", Version = 2 }, expectedVersion: 1));

        Assert.Equal("First", (await Store.GetAsync(owner, record.Id))?.Title);
    }

    [Fact]
    public async Task Update_of_a_missing_image_is_not_found()
    {
        var record = Records.Image(Records.NewOwner());

        await Assert.ThrowsAsync<NotFoundException>(() => Store.UpdateAsync(record with { Version = 2 }, expectedVersion: 1));

        Assert.Null(await Store.GetAsync(record.OwnerId, record.Id));
    }

    [Fact]
    public async Task Update_of_another_owners_image_is_not_found_and_changes_nothing()
    {
        var record = Records.Image(Records.NewOwner());
        await Store.CreateAsync(record);

        await Assert.ThrowsAsync<NotFoundException>(
            () => Store.UpdateAsync(record with { OwnerId = Records.NewOwner(), Title = "Stolen", Version = 2 }, expectedVersion: 1));

        Records.Same(record, await Store.GetAsync(record.OwnerId, record.Id));
    }

    [Fact]
    public async Task Delete_removes_the_image_and_a_second_delete_reports_nothing_deleted()
    {
        var owner = Records.NewOwner();
        var record = Records.Image(owner);
        await Store.CreateAsync(record);

        Assert.True(await Store.DeleteAsync(owner, record.Id));
        Assert.False(await Store.DeleteAsync(owner, record.Id));

        Assert.Null(await Store.GetAsync(owner, record.Id));
        Assert.Empty((await Store.ListAsync(new ImageQuery { OwnerId = owner })).Items);
    }

    [Fact]
    public async Task Delete_by_another_owner_leaves_the_image()
    {
        var record = Records.Image(Records.NewOwner());
        await Store.CreateAsync(record);

        Assert.False(await Store.DeleteAsync(Records.NewOwner(), record.Id));

        Records.Same(record, await Store.GetAsync(record.OwnerId, record.Id));
    }

    [Fact]
    public async Task Store_reports_ready()
    {
        Assert.True(await Store.IsReadyAsync());
    }

    [Fact]
    public async Task A_path_reads_back_and_finds_its_image_for_its_owner_only()
    {
        var owner = Records.NewOwner();
        var record = Records.Image(owner) with { Path = "products/red-shoe.jpg" };

        await Store.CreateAsync(record);

        Records.Same(record, await Store.GetAsync(owner, record.Id));
        Records.Same(record, await Store.FindByPathAsync(owner, "products/red-shoe.jpg"));
        Assert.Null(await Store.FindByPathAsync(owner, "products/RED-shoe.jpg"));
        Assert.Null(await Store.FindByPathAsync(Records.NewOwner(), "products/red-shoe.jpg"));
    }

    [Fact]
    public async Task A_path_is_one_image_per_owner_and_other_owners_may_use_it()
    {
        var owner = Records.NewOwner();
        var first = Records.Image(owner) with { Path = "hero.jpg" };
        var second = Records.Image(owner, minute: 1) with { Path = "hero.jpg" };
        var elsewhere = Records.Image(Records.NewOwner()) with { Path = "hero.jpg" };
        await Store.CreateAsync(first);

        await Assert.ThrowsAsync<ConflictException>(() => Store.CreateAsync(second));
        await Store.CreateAsync(elsewhere);

        Assert.Null(await Store.GetAsync(owner, second.Id));
        Assert.Equal(first.Id, (await Store.FindByPathAsync(owner, "hero.jpg"))?.Id);
        Assert.Equal(elsewhere.Id, (await Store.FindByPathAsync(elsewhere.OwnerId, "hero.jpg"))?.Id);
    }

    [Fact]
    public async Task Changing_a_path_releases_the_old_one_and_a_taken_path_changes_nothing()
    {
        var owner = Records.NewOwner();
        var first = Records.Image(owner) with { Path = "a.jpg" };
        var second = Records.Image(owner, minute: 1) with { Path = "b.jpg" };
        await Store.CreateAsync(first);
        await Store.CreateAsync(second);

        await Store.UpdateAsync(first with { Path = "c.jpg", Version = 2 }, expectedVersion: 1);
        await Assert.ThrowsAsync<ConflictException>(() => Store.UpdateAsync(second with { Path = "c.jpg", Title = "Changed", Version = 2 }, expectedVersion: 1));
        var secondAfterConflict = await Store.GetAsync(owner, second.Id);
        await Store.UpdateAsync(second with { Path = "a.jpg", Version = 2 }, expectedVersion: 1);

        Assert.Equal(first.Id, (await Store.FindByPathAsync(owner, "c.jpg"))?.Id);
        Records.Same(second, secondAfterConflict);
        Assert.Equal(second.Id, (await Store.FindByPathAsync(owner, "a.jpg"))?.Id);
        Assert.Null(await Store.FindByPathAsync(owner, "b.jpg"));
    }

    [Fact]
    public async Task Deleting_an_image_or_clearing_its_path_frees_the_path()
    {
        var owner = Records.NewOwner();
        var deleted = Records.Image(owner) with { Path = "gone.jpg" };
        var cleared = Records.Image(owner, minute: 1) with { Path = "cleared.jpg" };
        await Store.CreateAsync(deleted);
        await Store.CreateAsync(cleared);

        await Store.DeleteAsync(owner, deleted.Id);
        await Store.UpdateAsync(cleared with { Path = null, Version = 2 }, expectedVersion: 1);
        var reuse = Records.Image(owner, minute: 2) with { Path = "gone.jpg" };
        await Store.CreateAsync(reuse);
        await Store.UpdateAsync(reuse with { Path = "cleared.jpg", Version = 2 }, expectedVersion: 1);

        Assert.Equal(reuse.Id, (await Store.FindByPathAsync(owner, "cleared.jpg"))?.Id);
        Assert.Null(await Store.FindByPathAsync(owner, "gone.jpg"));
        Assert.Null((await Store.GetAsync(owner, cleared.Id))!.Path);
    }

    [Fact]
    public async Task Of_ten_images_racing_for_one_path_exactly_one_gets_it()
    {
        var owner = Records.NewOwner();
        var images = Enumerable.Range(0, 10).Select(i => Records.Image(owner, minute: i)).ToList();
        await CreateAllAsync(images);

        var outcomes = await Task.WhenAll(images.Select(image => Task.Run(async () =>
        {
            try
            {
                await Store.UpdateAsync(image with { Path = "contested.jpg", Version = 2 }, expectedVersion: 1);
                return image.Id;
            }
            catch (ConflictException)
            {
                return null;
            }
        })));

        var winner = Assert.Single(outcomes, id => id is not null);
        Assert.Equal(winner, (await Store.FindByPathAsync(owner, "contested.jpg"))?.Id);
    }

    private async Task CreateAllAsync(IEnumerable<ImageRecord> records)
    {
        foreach (var batch in records.Chunk(16))
        {
            await Task.WhenAll(batch.Select(record => Store.CreateAsync(record)));
        }
    }

    private async Task<List<IReadOnlyList<ImageRecord>>> AllPagesAsync(ImageQuery query)
    {
        var pages = new List<IReadOnlyList<ImageRecord>>();
        string? after = null;
        do
        {
            var page = await Store.ListAsync(query with { After = after });
            pages.Add(page.Items);
            after = page.Next;
            Assert.True(pages.Count <= 100, "Pagination does not end.");
        }
        while (after is not null);

        return pages;
    }
}
