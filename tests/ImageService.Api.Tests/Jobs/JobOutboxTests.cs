using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using ImageService.Api.Jobs;
using ImageService.Core.Jobs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ImageService.Api.Tests.Jobs;

/// <summary>
/// The outbox on the embedded backend: a process that stored a job and died before enqueueing its messages, or that
/// settled a job and died before enqueueing its callback, leaves the work to the next start's sweep. The crash is
/// reproduced by doing, through the store, exactly what the process had done before it died.
/// </summary>
public sealed class JobOutboxTests
{
    private const string Card = """{"w":320,"h":320,"fit":"cover","f":"webp"}""";

    // The restarted process treats every outbox entry as lost at once (the default waits 30 s for a live enqueue).
    private static readonly Dictionary<string, string?> SweepAtOnce = new(StringComparer.Ordinal) { ["Jobs:OutboxGrace"] = "00:00:00" };

    [Fact]
    public async Task A_job_stored_but_never_enqueued_is_enqueued_by_the_next_start_and_completes()
    {
        var data = Directory.CreateTempSubdirectory("imageservice-outbox-items-").FullName;
        try
        {
            string jobId, image;
            using (var crashed = new JobsTestApp(worker: false, dataDirectory: data))
            {
                await crashed.PutVariantAsync("alice", "card", Card, eager: false);
                image = await crashed.UploadAsync("alice", seed: 4);
                var (job, items) = RenderJob(crashed, "alice", image, callbackUrl: null);
                jobId = job.Id;
                // JobStarter's first step, then the process dies: no message was enqueued.
                await crashed.App.Services.GetRequiredService<IJobStore>().CreateAsync(job, items);
                Assert.Equal(0, await crashed.Queue.CountAsync());
                Assert.Equal("queued", (await crashed.GetJobAsync("alice", jobId)).GetProperty("status").GetString());
            }

            using var restarted = new JobsTestApp(worker: true, dataDirectory: data, settings: SweepAtOnce);
            var finished = await restarted.WaitForFinishAsync("alice", jobId);

            Assert.Equal(("succeeded", 1, 0), (finished.GetProperty("status").GetString(), finished.GetProperty("done").GetInt32(),
                finished.GetProperty("failed").GetInt32()));
            Assert.Single(restarted.DerivedObjects("alice", image));
            Assert.Empty(await restarted.App.Services.GetRequiredService<IJobStore>().ListOutboxAsync(DateTimeOffset.MaxValue.AddYears(-1), 10));
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task A_callback_lost_between_the_last_item_and_its_enqueue_is_sent_by_the_next_start()
    {
        await using var receiver = await CallbackReceiver.StartAsync();
        var data = Directory.CreateTempSubdirectory("imageservice-outbox-callback-").FullName;
        try
        {
            string jobId;
            using (var crashed = new JobsTestApp(worker: false, dataDirectory: data))
            {
                using (var owner = crashed.Client("bob"))
                {
                    using var key = await owner.PostAsync("/account/keys", new StringContent("""{"name":"callbacks"}""", Encoding.UTF8, "application/json"));
                    Assert.Equal(HttpStatusCode.Created, key.StatusCode);
                }
                await crashed.PutVariantAsync("bob", "card", Card, eager: false);
                var image = await crashed.UploadAsync("bob", seed: 5);
                var (job, items) = RenderJob(crashed, "bob", image, receiver.Url);
                jobId = job.Id;
                var store = crashed.App.Services.GetRequiredService<IJobStore>();
                // The job ran to its last item (its messages enqueued and acknowledged), the store settled it, and the
                // process died before enqueueing the callback.
                await store.CreateAsync(job, items);
                await store.ClearOutboxAsync("bob", jobId, JobOutboxKind.Items);
                var completion = await store.CompleteItemAsync("bob", jobId, "0", JobItemOutcome.Done(), DateTimeOffset.UtcNow);
                Assert.True(completion.Finished);
                Assert.Equal(0, await crashed.Queue.CountAsync());
            }

            using var restarted = new JobsTestApp(worker: true, dataDirectory: data, settings: SweepAtOnce);
            var restartedStore = restarted.App.Services.GetRequiredService<IJobStore>(); // starts the host, and with it the worker
            var body = await receiver.NextAsync(TimeSpan.FromSeconds(20));

            using var posted = JsonDocument.Parse(body.Json);
            Assert.Equal((jobId, "succeeded", 1), (posted.RootElement.GetProperty("id").GetString(), posted.RootElement.GetProperty("status").GetString(),
                posted.RootElement.GetProperty("done").GetInt32()));
            Assert.StartsWith("t=", body.Signature, StringComparison.Ordinal);
            await restarted.WaitForEmptyQueueAsync();
            Assert.Empty(await restartedStore.ListOutboxAsync(DateTimeOffset.MaxValue.AddYears(-1), 10));
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task A_job_started_normally_leaves_nothing_in_the_outbox()
    {
        using var app = new JobsTestApp();
        await app.PutVariantAsync("carol", "card", Card, eager: false);
        var image = await app.UploadAsync("carol", seed: 6);

        var id = (await app.StartJobAsync("carol", $$"""{"kind":"render-variants","variants":["card"],"imageIds":["{{image}}"]}""")).GetProperty("id").GetString()!;
        await app.WaitForFinishAsync("carol", id);

        Assert.DoesNotContain(await app.App.Services.GetRequiredService<IJobStore>().ListOutboxAsync(DateTimeOffset.MaxValue.AddYears(-1), 1000),
            e => e.JobId == id);
    }

    private static (Job Job, IReadOnlyList<JobItem> Items) RenderJob(JobsTestApp app, string owner, string image, string? callbackUrl)
    {
        var job = new Job
        {
            Id = app.App.Services.GetRequiredService<JobPlanner>().NewJobId(),
            OwnerId = owner,
            Kind = JobKinds.RenderVariants,
            Status = JobStatus.Queued,
            Total = 1,
            CreatedAt = DateTimeOffset.UtcNow,
            Variants = ["card"],
            CallbackUrl = callbackUrl,
        };
        return (job, [new JobItem { ItemId = "0", ImageId = image, Variant = "card" }]);
    }

    /// <summary>A loopback receiver of job callbacks: records each POST's body and signature header.</summary>
    private sealed class CallbackReceiver : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly ConcurrentQueue<(string Json, string Signature)> _received = new();

        private CallbackReceiver(WebApplication app) => _app = app;

        public string Url => _app.Urls.First() + "/hook";

        public static async Task<CallbackReceiver> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            var receiver = new CallbackReceiver(app);
            app.MapPost("/hook", async (HttpContext context) =>
            {
                using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
                receiver._received.Enqueue((await reader.ReadToEndAsync(), context.Request.Headers[JobCallbacks.SignatureHeader].ToString()));
                return Results.NoContent();
            });
            await app.StartAsync();
            return receiver;
        }

        public async Task<(string Json, string Signature)> NextAsync(TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            (string Json, string Signature) next;
            while (!_received.TryDequeue(out next))
            {
                Assert.True(DateTime.UtcNow < deadline, "No callback arrived.");
                await Task.Delay(25);
            }
            return next;
        }

        public ValueTask DisposeAsync() => _app.DisposeAsync();
    }
}
