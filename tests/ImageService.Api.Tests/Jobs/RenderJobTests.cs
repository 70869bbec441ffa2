using System.Net;
using System.Text.Json;
using ImageService.Core.Jobs;

namespace ImageService.Api.Tests.Jobs;

/// <summary>render-variants jobs on the embedded backend: eager renditions, album jobs, exact counters, duplicates,
/// poison messages, a worker that dies mid-job, cancel.</summary>
public sealed class RenderJobTests
{
    private const string Card = """{"w":320,"h":320,"fit":"cover","f":"webp"}""";
    private const string Hero = """{"w":1200,"f":"jpeg"}""";
    private const string Thumb = """{"w":64,"f":"png"}""";

    [Fact]
    public async Task Eager_variants_are_stored_after_an_upload_and_the_first_delivery_renders_nothing()
    {
        using var app = new JobsTestApp();
        await app.PutVariantAsync("alice", "card", Card, eager: true);
        await app.PutVariantAsync("alice", "hero", Hero, eager: true);
        await app.PutVariantAsync("alice", "thumb", Thumb, eager: false);

        var image = await app.UploadAsync("alice");

        using var client = app.Client("alice");
        using var list = await client.GetAsync("/jobs");
        var eagerJob = Assert.Single((await list.JsonAsync()).GetProperty("items").EnumerateArray());
        Assert.Equal(("render-variants", true, image), (eagerJob.GetProperty("kind").GetString(), eagerJob.GetProperty("eager").GetBoolean(),
            eagerJob.GetProperty("imageId").GetString()));
        Assert.Equal(["card", "hero"], eagerJob.GetProperty("variants").EnumerateArray().Select(v => v.GetString()));
        var job = await app.WaitForFinishAsync("alice", eagerJob.GetProperty("id").GetString()!);
        Assert.Equal(("succeeded", 2, 2, 0), (job.GetProperty("status").GetString(), job.GetProperty("total").GetInt32(),
            job.GetProperty("done").GetInt32(), job.GetProperty("failed").GetInt32()));

        // card (webp) and hero (jpeg): one stored result each; the lazy variant is not rendered.
        var stored = app.DerivedObjects("alice", image);
        Assert.Equal(2, stored.Count);
        using var account = await client.GetAsync("/account");
        var publicKey = (await account.JsonAsync()).GetProperty("publicKey").GetString();
        using var browser = app.App.CreateClient();
        using var card = await browser.GetAsync($"/{publicKey}/{image}?variant=card");
        Assert.Equal(HttpStatusCode.OK, card.StatusCode);
        Assert.Equal("image/webp", card.Content.Headers.ContentType?.MediaType);
        Assert.Equal(stored, app.DerivedObjects("alice", image));
    }

    [Fact]
    public async Task An_album_job_renders_each_image_once_and_counts_exactly_even_when_every_message_is_delivered_again()
    {
        using var app = new JobsTestApp();
        await app.PutVariantAsync("alice", "card", Card, eager: false);
        await app.PutVariantAsync("alice", "thumb", Thumb, eager: false);
        var album = new[] { await app.UploadAsync("alice", "summer", 1), await app.UploadAsync("alice", "summer", 2), await app.UploadAsync("alice", "summer", 3) };
        var other = await app.UploadAsync("alice", "winter", 4);

        var started = await app.StartJobAsync("alice", """{"kind":"render-variants","variants":["card","thumb"],"albumId":"summer"}""");
        Assert.Equal(("queued", 6), (started.GetProperty("status").GetString(), started.GetProperty("total").GetInt32()));
        var id = started.GetProperty("id").GetString()!;
        var finished = await app.WaitForFinishAsync("alice", id);
        Assert.Equal(("succeeded", 6, 0), (finished.GetProperty("status").GetString(), finished.GetProperty("done").GetInt32(), finished.GetProperty("failed").GetInt32()));
        Assert.All(album, image => Assert.Equal(2, app.DerivedObjects("alice", image).Count));
        Assert.Empty(app.DerivedObjects("alice", other));
        var rendered = app.StoredObjects().Where(p => p.StartsWith("derived/", StringComparison.Ordinal)).ToList();
        var modified = rendered.ToDictionary(p => p, p => File.GetLastWriteTimeUtc(Path.Combine(app.DataDirectory, "blobs", "objects", p)));

        // At-least-once delivery: every item's message arrives again.
        await app.Queue.EnqueueAsync([.. Enumerable.Range(0, 6).Select(i => JobMessage.Item("alice", id, i.ToString(System.Globalization.CultureInfo.InvariantCulture)))]);
        await app.WaitForEmptyQueueAsync();

        var after = await app.GetJobAsync("alice", id);
        Assert.Equal(finished.ToString(), after.ToString());
        Assert.Equal(modified, app.StoredObjects().Where(p => p.StartsWith("derived/", StringComparison.Ordinal))
            .ToDictionary(p => p, p => File.GetLastWriteTimeUtc(Path.Combine(app.DataDirectory, "blobs", "objects", p))));
    }

    [Fact]
    public async Task A_poison_message_ends_in_the_dead_letter_queue_and_the_job_fails()
    {
        using var app = new JobsTestApp();
        await app.PutVariantAsync("alice", "card", Card, eager: false);
        var good = await app.UploadAsync("alice", seed: 1);
        var broken = await app.UploadAsync("alice", seed: 2);
        // The original's bytes are corrupted on disk: every render of it throws.
        var original = Directory.EnumerateFiles(Path.Combine(app.DataDirectory, "blobs", "objects"), "*", SearchOption.AllDirectories)
            .Single(p => p.Contains(broken, StringComparison.Ordinal) && p.Replace('\\', '/').Contains("/originals/", StringComparison.Ordinal));
        await File.WriteAllBytesAsync(original, [0xFF, 0xD8, 0xFF, 0x00, 0x01, 0x02]);

        var started = await app.StartJobAsync("alice", $$"""{"kind":"render-variants","variants":["card"],"imageIds":{{JobsTestApp.Ids(good, broken)}}}""");
        var job = await app.WaitForFinishAsync("alice", started.GetProperty("id").GetString()!);

        Assert.Equal(("failed", 1, 1), (job.GetProperty("status").GetString(), job.GetProperty("done").GetInt32(), job.GetProperty("failed").GetInt32()));
        var error = Assert.Single(job.GetProperty("errors").EnumerateArray());
        Assert.Equal(broken, error.GetProperty("imageId").GetString());
        Assert.StartsWith("Failed after 3 attempts", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        var letter = Assert.Single(await app.Queue.ListDeadLettersAsync());
        Assert.Equal(3, letter.Attempts);
        Assert.Contains(started.GetProperty("id").GetString()!, letter.Body, StringComparison.Ordinal);
        await app.WaitForEmptyQueueAsync();
    }

    [Fact]
    public async Task A_message_that_is_not_a_job_message_is_dead_lettered_at_once()
    {
        using var app = new JobsTestApp();
        await app.Queue.EnqueueAsync([new JobMessage("", "job_x", "0")]);

        await app.WaitForEmptyQueueAsync();

        var letter = Assert.Single(await app.Queue.ListDeadLettersAsync());
        Assert.Equal(1, letter.Attempts);
    }

    [Fact]
    public async Task A_worker_that_dies_mid_job_leaves_its_item_to_be_retried_and_the_job_completes_exactly()
    {
        var data = Directory.CreateTempSubdirectory("imageservice-jobs-restart-").FullName;
        try
        {
            string id;
            string[] images;
            using (var stopped = new JobsTestApp(worker: false, dataDirectory: data))
            {
                await stopped.PutVariantAsync("alice", "card", Card, eager: false);
                images = [await stopped.UploadAsync("alice", seed: 1), await stopped.UploadAsync("alice", seed: 2), await stopped.UploadAsync("alice", seed: 3)];
                id = (await stopped.StartJobAsync("alice", $$"""{"kind":"render-variants","variants":["card"],"imageIds":{{JobsTestApp.Ids(images)}}}"""))
                    .GetProperty("id").GetString()!;
                // A worker takes one item and dies with it: its lease is never acknowledged.
                Assert.Single(await stopped.Queue.ReceiveAsync(1, TimeSpan.FromSeconds(1), TimeSpan.Zero));
            }

            using var restarted = new JobsTestApp(worker: true, dataDirectory: data);
            var job = await restarted.WaitForFinishAsync("alice", id);

            Assert.Equal(("succeeded", 3, 3, 0), (job.GetProperty("status").GetString(), job.GetProperty("total").GetInt32(),
                job.GetProperty("done").GetInt32(), job.GetProperty("failed").GetInt32()));
            Assert.All(images, image => Assert.Single(restarted.DerivedObjects("alice", image)));
            await restarted.WaitForEmptyQueueAsync();
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task A_canceled_job_skips_the_work_not_started_and_cannot_be_canceled_twice()
    {
        using var app = new JobsTestApp(worker: false);
        await app.PutVariantAsync("alice", "card", Card, eager: false);
        var images = new[] { await app.UploadAsync("alice", seed: 1), await app.UploadAsync("alice", seed: 2) };
        var id = (await app.StartJobAsync("alice", $$"""{"kind":"render-variants","variants":["card"],"imageIds":{{JobsTestApp.Ids(images)}}}"""))
            .GetProperty("id").GetString()!;
        using var client = app.Client("alice");

        using var canceled = await client.PostAsync($"/jobs/{id}/cancel", null);
        using var again = await client.PostAsync($"/jobs/{id}/cancel", null);
        using var foreign = await app.Client("bob").PostAsync($"/jobs/{id}/cancel", null);

        Assert.Equal(HttpStatusCode.OK, canceled.StatusCode);
        Assert.Equal("canceled", (await canceled.JsonAsync()).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        // The worker now receives the items' messages: each is acknowledged without rendering.
        foreach (var message in await app.Queue.ReceiveAsync(10, TimeSpan.FromSeconds(30), TimeSpan.Zero))
        {
            Assert.Equal(Api.Jobs.MessageDisposition.Acked, await app.Dispatcher.HandleAsync(message, CancellationToken.None));
        }
        var job = await app.GetJobAsync("alice", id);
        Assert.Equal(("canceled", 0), (job.GetProperty("status").GetString(), job.GetProperty("done").GetInt32()));
        Assert.All(images, image => Assert.Empty(app.DerivedObjects("alice", image)));
        Assert.Equal(0, await app.Queue.CountAsync());
    }

    [Fact]
    public async Task Jobs_are_the_owners_own_and_list_newest_first_in_pages()
    {
        using var app = new JobsTestApp(worker: false);
        await app.PutVariantAsync("alice", "card", Card, eager: false);
        var image = await app.UploadAsync("alice");
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await app.StartJobAsync("alice", $$"""{"kind":"render-variants","variants":["card"],"imageIds":["{{image}}"]}""")).GetProperty("id").GetString()!);
            await Task.Delay(5); // distinct creation milliseconds
        }
        using var alice = app.Client("alice");
        using var bob = app.Client("bob");

        using var first = await alice.GetAsync("/jobs?limit=2");
        var firstPage = await first.JsonAsync();
        var cursor = firstPage.GetProperty("cursor").GetString();
        using var second = await alice.GetAsync($"/jobs?limit=2&cursor={Uri.EscapeDataString(cursor!)}");
        var secondPage = await second.JsonAsync();
        using var tampered = await alice.GetAsync($"/jobs?cursor={Uri.EscapeDataString(cursor!)}x");
        using var bobsList = await bob.GetAsync("/jobs");
        using var bobsView = await bob.GetAsync($"/jobs/{ids[0]}");
        using var bobsCursor = await bob.GetAsync($"/jobs?limit=2&cursor={Uri.EscapeDataString(cursor!)}");

        Assert.Equal([ids[2], ids[1]], firstPage.GetProperty("items").EnumerateArray().Select(j => j.GetProperty("id").GetString()));
        Assert.Equal([ids[0]], secondPage.GetProperty("items").EnumerateArray().Select(j => j.GetProperty("id").GetString()));
        Assert.Equal(JsonValueKind.Null, secondPage.GetProperty("cursor").ValueKind);
        Assert.Equal(HttpStatusCode.BadRequest, tampered.StatusCode);
        Assert.Empty((await bobsList.JsonAsync()).GetProperty("items").EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, bobsView.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bobsCursor.StatusCode);
    }

    [Theory]
    [InlineData("""{"kind":"resize"}""", "kind")]
    [InlineData("""{"kind":"render-variants","variants":["nope"],"all":true}""", "variants")]
    [InlineData("""{"kind":"render-variants","variants":[],"all":true}""", "variants")]
    [InlineData("""{"kind":"render-variants","variants":["card"]}""", "imageIds")]
    [InlineData("""{"kind":"render-variants","variants":["card"],"all":true,"albumId":"a"}""", "imageIds")]
    [InlineData("""{"kind":"render-variants","variants":["card"],"imageIds":["01JK3ZQ8W6M2T4XH7C9RDV5N1E"]}""", "imageIds")]
    [InlineData("""{"kind":"workflow","workflow":"upscale","imageId":"01JK3ZQ8W6M2T4XH7C9RDV5N1E"}""", "workflow")]
    [InlineData("""{"kind":"render-variants","variants":["card"],"all":true,"callbackUrl":"ftp://example.com/hook"}""", "callbackUrl")]
    public async Task A_job_that_cannot_run_is_refused_naming_the_field(string body, string field)
    {
        using var app = new JobsTestApp(worker: false);
        await app.PutVariantAsync("alice", "card", Card, eager: false);

        using var response = await app.PostJobAsync("alice", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadProblemAsync()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task Without_a_provider_there_are_no_workflows()
    {
        using var app = new JobsTestApp(worker: false);
        using var client = app.Client("alice");

        using var response = await client.GetAsync("/workflows");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty((await response.JsonAsync()).GetProperty("items").EnumerateArray());
    }
}
