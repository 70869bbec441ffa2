using System.Net;
using ImageService.Api.Testing;
using ImageService.Api.Tests;
using Microsoft.Data.Sqlite;

namespace ImageService.Storage.Tests.Faults;

/// <summary>
/// The whole API on the embedded backend when the machine misbehaves: the disk full (a real one, a tiny tmpfs under the
/// data directory) and the SQLite database locked by another process's connection past the busy timeout (1 s here).
/// Each failing request is a 503 problem with a correlation id, leaves no record and no bytes, and the same request
/// succeeds once the fault ends.
/// </summary>
public sealed class EmbeddedFaultTests
{
    [RequiresTmpfsFact]
    public async Task An_upload_on_a_full_disk_is_a_503_leaves_nothing_and_succeeds_once_space_is_freed()
    {
        using var app = new ImageServiceApp();
        using var disk = TmpfsMount.Over(app.DataDirectory, 4 * 1024 * 1024);
        try
        {
            using var client = app.CreateClient(user: "full");
            Assert.Empty(await client.ListedIdsAsync()); // databases created while there is room
            var file = TestImages.Jpeg(640, 480, seed: 4);
            var ballast = disk.Fill();

            using var failed = await client.UploadAsync(file, title: "No room");

            await AssertUnavailableWithCorrelationIdAsync(failed);
            Assert.Empty(await client.ListedIdsAsync());
            Assert.Empty(app.StoredObjects());
            Assert.Empty(Directory.EnumerateFiles(Path.Combine(app.DataDirectory, "blobs", "tmp")));

            File.Delete(ballast);
            using var retried = await client.UploadAsync(file, title: "No room");

            Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
            var id = (await retried.JsonAsync()).GetProperty("id").GetString()!;
            Assert.Equal([id], await client.ListedIdsAsync());
            Assert.Equal(file, await client.GetByteArrayAsync(new Uri($"/images/{id}/original", UriKind.Relative)));
        }
        finally
        {
            app.Dispose(); // before the unmount: the host's files live on the tmpfs
        }
    }

    [Fact]
    public async Task An_upload_while_another_connection_holds_the_database_lock_is_a_503_leaves_nothing_and_succeeds_after()
    {
        using var app = new ImageServiceApp(new() { ["Storage:BusyTimeout"] = "00:00:01" });
        using var client = app.CreateClient(user: "locked");
        Assert.Empty(await client.ListedIdsAsync());
        var file = TestImages.Jpeg(120, 80, seed: 6);

        HttpResponseMessage failed;
        using (HoldExclusiveLock(app))
        {
            failed = await client.UploadAsync(file, title: "Locked out");
        }

        await AssertUnavailableWithCorrelationIdAsync(failed);
        failed.Dispose();
        Assert.Empty(await client.ListedIdsAsync());
        Assert.Empty(app.StoredObjects());

        using var retried = await client.UploadAsync(file, title: "Locked out");

        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        var id = (await retried.JsonAsync()).GetProperty("id").GetString()!;
        Assert.Equal([id], await client.ListedIdsAsync());
    }

    [Fact]
    public async Task A_patch_and_a_delete_while_the_database_is_locked_are_503s_that_change_nothing_and_succeed_after()
    {
        using var app = new ImageServiceApp(new() { ["Storage:BusyTimeout"] = "00:00:01" });
        using var client = app.CreateClient(user: "locked");
        var image = await client.UploadOkAsync(TestImages.Jpeg(60, 40), title: "Before");
        using var current = await client.GetAsync(new Uri($"/images/{image.Id}", UriKind.Relative));
        var etag = current.Headers.ETag!.Tag;
        var objects = app.StoredObjects();

        HttpResponseMessage patch, delete;
        using (HoldExclusiveLock(app))
        {
            patch = await client.PatchJsonAsync($"/images/{image.Id}", """{"title":"After"}""", ifMatch: etag);
            delete = await client.DeleteAsync(new Uri($"/images/{image.Id}", UriKind.Relative));
        }

        await AssertUnavailableWithCorrelationIdAsync(patch);
        await AssertUnavailableWithCorrelationIdAsync(delete);
        using var unchanged = await client.GetAsync(new Uri($"/images/{image.Id}", UriKind.Relative));
        Assert.Equal("Before", (await unchanged.JsonAsync()).GetProperty("title").GetString());
        Assert.Equal(etag, unchanged.Headers.ETag!.Tag);
        Assert.Equal(objects, app.StoredObjects());

        using var patched = await client.PatchJsonAsync($"/images/{image.Id}", """{"title":"After"}""", ifMatch: etag);
        using var deleted = await client.DeleteAsync(new Uri($"/images/{image.Id}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Empty(app.StoredObjects());
        patch.Dispose();
        delete.Dispose();
    }

    /// <summary>Another process's writer: an exclusive transaction on metadata.db, held until disposed.</summary>
    private static SqliteConnection HoldExclusiveLock(ImageServiceApp app)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(app.DataDirectory, "metadata.db"),
            Pooling = false,
        }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "BEGIN EXCLUSIVE; UPDATE images SET title = title WHERE 0;";
        command.ExecuteNonQuery();
        return connection;
    }

    private static async Task AssertUnavailableWithCorrelationIdAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(response.Headers.RetryAfter);
        var problem = await response.JsonAsync();
        Assert.Equal("urn:imageservice:problem:storage-unavailable", problem.GetProperty("type").GetString());
        Assert.Matches("^[0-9a-f]{32}$", problem.GetProperty("correlationId").GetString());
    }
}
