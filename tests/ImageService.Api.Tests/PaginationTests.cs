using System.Net;
using ImageService.Api.Images;
using ImageService.Core.Ids;
using ImageService.Core.Images;

namespace ImageService.Api.Tests;

/// <summary>250 images seeded through the store (uploads would only add engine time), then read back page by page.</summary>
public sealed class PaginationTests(PaginationTests.Fixture fixture) : IClassFixture<PaginationTests.Fixture>
{
    public sealed class Fixture : IAsyncLifetime
    {
        public ImageServiceApp App { get; } = new();
        public List<ImageRecord> Seeded { get; } = [];

        public async Task InitializeAsync()
        {
            var ids = new ImageIdGenerator();
            var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
            for (var i = 0; i < 250; i++)
            {
                // Every fifth pair shares a timestamp, so ordering must fall back to the id.
                var created = start.AddSeconds(i / 2 * 2);
                var record = new ImageRecord
                {
                    Id = ids.NewId(), OwnerId = "paula", AlbumId = i % 3 == 0 ? "album-a" : "album-b",
                    Tags = i % 4 == 0 ? ["cat", "pet"] : ["dog"], Format = "jpeg", Width = 10, Height = 10, Bytes = 100,
                    Sha256 = new string('0', 64), Status = ImageStatus.Ready, CreatedAt = created, UpdatedAt = created, Version = 1,
                };
                await App.Metadata.CreateAsync(record);
                Seeded.Add(record);
            }
            await App.Metadata.CreateAsync(Seeded[0] with { Id = ids.NewId(), OwnerId = "someone-else" });
            await App.Metadata.CreateAsync(Seeded[0] with { Id = ids.NewId(), Status = ImageStatus.Pending });
        }

        public Task DisposeAsync()
        {
            App.Dispose();
            return Task.CompletedTask;
        }
    }

    [Theory]
    [InlineData(null, null, 20)]
    [InlineData(null, null, 100)]
    [InlineData("album-a", null, 7)]
    [InlineData(null, "cat", 9)]
    [InlineData("album-a", "cat", 3)]
    public async Task Paging_returns_each_matching_image_exactly_once_newest_first(string? albumId, string? tag, int limit)
    {
        using var client = fixture.App.CreateClient(user: "paula");
        var expected = fixture.Seeded
            .Where(r => (albumId is null || r.AlbumId == albumId) && (tag is null || r.Tags.Contains(tag)))
            .OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id, StringComparer.Ordinal)
            .Select(r => r.Id).ToList();

        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var query = $"/images?limit={limit}" + (albumId is null ? "" : $"&albumId={albumId}") + (tag is null ? "" : $"&tag={tag}")
                + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");
            using var response = await client.GetAsync(query);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await response.ReadAsync<ImageListResponse>();
            Assert.True(page.Items.Count == limit || page.Next is null, "every page but the last is full");
            seen.AddRange(page.Items.Select(i => i.Id));
            cursor = page.Next;
            pages++;
        }
        while (cursor is not null && pages < 300);

        Assert.Equal(expected, seen);
    }

    [Fact]
    public async Task A_cursor_does_not_work_for_another_filter_or_another_owner()
    {
        using var paula = fixture.App.CreateClient(user: "paula");
        using var other = fixture.App.CreateClient(user: "someone-else");
        var first = await (await paula.GetAsync("/images?limit=5&albumId=album-a")).ReadAsync<ImageListResponse>();
        var cursor = Uri.EscapeDataString(first.Next!);

        using var otherFilter = await paula.GetAsync($"/images?limit=5&albumId=album-b&cursor={cursor}");
        using var noFilter = await paula.GetAsync($"/images?limit=5&cursor={cursor}");
        using var otherOwner = await other.GetAsync($"/images?limit=5&albumId=album-a&cursor={cursor}");
        using var same = await paula.GetAsync($"/images?limit=5&albumId=album-a&cursor={cursor}");

        Assert.Equal(HttpStatusCode.BadRequest, otherFilter.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noFilter.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, otherOwner.StatusCode);
        Assert.Equal(HttpStatusCode.OK, same.StatusCode);
    }
}
