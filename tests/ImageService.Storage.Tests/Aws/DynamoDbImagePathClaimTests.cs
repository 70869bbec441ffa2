using Amazon.DynamoDBv2.Model;
using ImageService.Core.Images;
using ImageService.Core.Storage;
using ImageService.Storage.Aws;
using ImageService.Storage.Tests.Contracts;

namespace ImageService.Storage.Tests.Aws;

/// <summary>
/// What only the DynamoDB store has to get right about image paths: claim items written before the image (no
/// transactions on the emulators), so claims left by crashed or still-running writers must be told apart. The
/// behaviour shared with SQLite is in <see cref="Contracts.ImageMetadataStoreContract"/>.
/// </summary>
[Collection(AwsEndpointsDefinition.Name)]
public sealed class DynamoDbImagePathClaimTests(AwsEmulatorFixture fixture)
{
    private readonly DynamoDbImageMetadataStore _store = fixture.Backend.CreateMetadataStore();

    /// <summary>A claim item as a writer that stopped after claiming leaves it.</summary>
    private Task<PutItemResponse> PutClaimAsync(string owner, string path, string imageId, long baseVersion) =>
        fixture.Backend.DynamoDb.PutItemAsync(new PutItemRequest
        {
            TableName = fixture.Backend.Options.TableName,
            Item = new()
            {
                ["Id"] = new AttributeValue { S = $"PATH#{owner.Length}#{owner}#{path}" },
                ["ImageId"] = new AttributeValue { S = imageId },
                ["Base"] = new AttributeValue { N = baseVersion.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                ["Token"] = new AttributeValue { S = "old" },
            },
        });

    [Fact]
    public async Task Claim_left_by_a_crashed_create_is_taken_over_and_fences_that_id()
    {
        var owner = Records.NewOwner();
        var crashed = Records.Image(owner) with { Path = "x.jpg" };
        await PutClaimAsync(owner, "x.jpg", crashed.Id, 0);
        Assert.Null(await _store.FindByPathAsync(owner, "x.jpg"));

        var taker = Records.Image(owner, minute: 1) with { Path = "x.jpg" };
        await _store.CreateAsync(taker);
        Assert.Equal(taker.Id, (await _store.FindByPathAsync(owner, "x.jpg"))?.Id);

        // The crashed create "arrives late": fenced, so it cannot land with the path.
        await Assert.ThrowsAsync<ConflictException>(() => _store.CreateAsync(crashed with { Path = null }));
        Assert.Null(await _store.GetAsync(owner, crashed.Id));
        Assert.False(await _store.DeleteAsync(owner, crashed.Id));
        Assert.Equal(taker.Id, (await _store.FindByPathAsync(owner, "x.jpg"))?.Id);
        Assert.Equal([taker.Id], await fixture.Backend.MetadataIdsOfOwnerAsync(owner));
    }

    [Fact]
    public async Task Claim_of_an_update_still_pending_binds_and_a_dead_one_is_taken_over()
    {
        var owner = Records.NewOwner();
        var holder = Records.Image(owner);
        await _store.CreateAsync(holder);
        await PutClaimAsync(owner, "p.jpg", holder.Id, 1); // holder at v1: that update may still land
        var rival = Records.Image(owner, minute: 1) with { Path = "p.jpg" };
        await Assert.ThrowsAsync<ConflictException>(() => _store.CreateAsync(rival));
        Assert.Null(await _store.GetAsync(owner, rival.Id));

        await _store.UpdateAsync(holder with { Title = "moved on", Version = 2 }, 1); // now the claiming update can never land
        await _store.CreateAsync(rival);
        Assert.Equal(rival.Id, (await _store.FindByPathAsync(owner, "p.jpg"))?.Id);
    }

    [Fact]
    public async Task Claims_are_invisible_to_reads_lists_and_deletes()
    {
        var owner = Records.NewOwner();
        var image = Records.Image(owner) with { Path = "a/b.jpg" };
        await _store.CreateAsync(image);
        var claimId = $"PATH#{owner.Length}#{owner}#a/b.jpg";
        Assert.Null(await _store.GetAsync(owner, claimId));
        Assert.False(await _store.DeleteAsync(owner, claimId));
        await Assert.ThrowsAsync<NotFoundException>(() => _store.UpdateAsync(image with { Id = claimId, Version = 2 }, 1));
        var page = await _store.ListAsync(new ImageQuery { OwnerId = owner });
        Assert.Equal([image.Id], page.Items.Select(i => i.Id));
        Assert.Equal([image.Id], await fixture.Backend.MetadataIdsOfOwnerAsync(owner));
        Assert.Equal(image.Id, (await _store.FindByPathAsync(owner, "a/b.jpg"))?.Id);
    }

    [Fact]
    public async Task Of_ten_creates_racing_for_one_path_exactly_one_lands()
    {
        var owner = Records.NewOwner();
        var images = Enumerable.Range(0, 10).Select(i => Records.Image(owner, minute: i) with { Path = "race.jpg" }).ToList();
        var outcomes = await Task.WhenAll(images.Select(image => Task.Run(async () =>
        {
            try
            {
                await _store.CreateAsync(image);
                return image.Id;
            }
            catch (ConflictException)
            {
                return null;
            }
        })));
        var winner = Assert.Single(outcomes, id => id is not null);
        Assert.Equal(winner, (await _store.FindByPathAsync(owner, "race.jpg"))?.Id);
        Assert.Equal([winner!], await fixture.Backend.MetadataIdsOfOwnerAsync(owner));
    }

    [Fact]
    public async Task Updates_swapping_paths_back_and_forth_keep_the_claim()
    {
        var owner = Records.NewOwner();
        var image = Records.Image(owner) with { Path = "one.jpg" };
        await _store.CreateAsync(image);
        await _store.UpdateAsync(image with { Path = "two.jpg", Version = 2 }, 1);
        await _store.UpdateAsync(image with { Path = "one.jpg", Version = 3 }, 2);
        await _store.UpdateAsync(image with { Path = "one.jpg", Title = "same path", Version = 4 }, 3);
        Assert.Equal(image.Id, (await _store.FindByPathAsync(owner, "one.jpg"))?.Id);
        Assert.Null(await _store.FindByPathAsync(owner, "two.jpg"));
        await Assert.ThrowsAsync<PreconditionFailedException>(() => _store.UpdateAsync(image with { Path = "three.jpg", Version = 9 }, 1));
        Assert.Null(await _store.FindByPathAsync(owner, "three.jpg"));
        var other = Records.Image(owner, minute: 1) with { Path = "three.jpg" };
        await _store.CreateAsync(other); // the stale update claimed nothing
        Assert.True(await _store.DeleteAsync(owner, image.Id));
        Assert.Null(await _store.FindByPathAsync(owner, "one.jpg"));
        await _store.UpdateAsync(other with { Path = "one.jpg", Version = 2 }, 1);
        Assert.Equal(other.Id, (await _store.FindByPathAsync(owner, "one.jpg"))?.Id);
    }
}
