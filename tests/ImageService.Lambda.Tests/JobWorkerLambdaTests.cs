using ImageService.Api.Images;
using ImageService.Core.Accounts;
using ImageService.Core.Images;
using ImageService.Core.Jobs;
using ImageService.Core.Storage;
using ImageService.Core.Variants;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace ImageService.Lambda.Tests;

/// <summary>
/// The worker function (_HANDLER=worker) of the real API composition, fed an SQS batch fixture through the fake Runtime
/// API: a render that succeeds, its duplicate, a render that fails on its first delivery (a batch item failure, so SQS
/// delivers it again), the same failure on its last allowed delivery (dead-lettered: not a batch failure, the job
/// failed) and a body that is not a job message (dead-lettered).
/// </summary>
public sealed class JobWorkerLambdaTests : IAsyncLifetime
{
    private RealApiInLambda _api = null!;

    private FakeRuntimeApi Runtime => _api.Runtime;

    private WebApplication App => _api.App;

    public async Task InitializeAsync() =>
        _api = await RealApiInLambda.StartAsync("worker", new Dictionary<string, string?> { ["Jobs:MaxAttempts"] = "3", ["Jobs:OutboxGrace"] = "00:00:00" });

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task An_sqs_batch_answers_only_the_message_to_retry_as_a_batch_item_failure()
    {
        var services = App.Services;
        await services.GetRequiredService<Api.Accounts.OwnerAccounts>().GetOrCreateAsync("alice", CancellationToken.None);
        var now = DateTimeOffset.UtcNow;
        await services.GetRequiredService<IVariantStore>().PutAsync(new Variant
        {
            OwnerId = "alice", Name = "card", Transform = "f=webp&w=64", CreatedAt = now, UpdatedAt = now,
        }, 50);
        var ingest = services.GetRequiredService<ImageIngest>();
        var good = await ingest.CreateAsync("alice", "01KB0000000000000000000001", TestPng.Gradient(80, 60), new ImageMetadataInput(null, null, null, []), CancellationToken.None);
        var broken = await ingest.CreateAsync("alice", "01KB0000000000000000000002", TestPng.Gradient(80, 60), new ImageMetadataInput(null, null, null, []), CancellationToken.None);
        await services.GetRequiredService<IBlobStore>().PutAsync(BlobKeys.Original("alice", broken.Id), new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x00 },
            new BlobWriteOptions("image/png", "private"), CancellationToken.None);
        var store = services.GetRequiredService<IJobStore>();
        var goodJob = await CreateJobAsync(store, good.Id);
        var brokenJob = await CreateJobAsync(store, broken.Id);
        var poisonJob = await CreateJobAsync(store, broken.Id);
        var batch = Events.Load("Jobs/sqs-jobs-batch.json")
            .Replace("{{GOOD_JOB}}", goodJob, StringComparison.Ordinal)
            .Replace("{{BROKEN_JOB}}", brokenJob, StringComparison.Ordinal)
            .Replace("{{POISON_JOB}}", poisonJob, StringComparison.Ordinal);

        var outcome = await Runtime.InvokeAsync(batch);

        Assert.Equal("response", outcome.Kind);
        var failure = Assert.Single(outcome.Json.GetProperty("batchItemFailures").EnumerateArray());
        Assert.Equal("7d1f6a52-0c2a-4a8e-9f63-2f0a1b3c4d03", failure.GetProperty("itemIdentifier").GetString());
        var done = await store.GetAsync("alice", goodJob);
        Assert.Equal((JobStatus.Succeeded, 1, 0), (done!.Status, done.Done, done.Failed));
        var retrying = await store.GetAsync("alice", brokenJob);
        Assert.Equal((JobStatus.Running, 0, 0), (retrying!.Status, retrying.Done, retrying.Failed));
        var poisoned = await store.GetAsync("alice", poisonJob);
        Assert.Equal((JobStatus.Failed, 0, 1), (poisoned!.Status, poisoned.Done, poisoned.Failed));
        Assert.StartsWith("Failed after 3 attempts", Assert.Single(poisoned.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_schedule_makes_the_worker_enqueue_again_the_items_of_a_job_whose_enqueue_was_lost()
    {
        // A job stored with its outbox entry, then the process died before it sent the item's message.
        var store = App.Services.GetRequiredService<IJobStore>();
        var lost = await CreateJobAsync(store, "01KB0000000000000000000003");

        var first = await Runtime.InvokeAsync(Events.Load("Sources/scheduled.json"));
        var second = await Runtime.InvokeAsync(Events.Load("Sources/scheduled.json"));

        Assert.Equal("response", first.Kind);
        Assert.Equal(1, first.Json.GetProperty("requeuedJobs").GetInt32());
        Assert.False(first.Json.TryGetProperty("billing", out _)); // the worker function does not run billing's hour
        Assert.Equal(0, second.Json.GetProperty("requeuedJobs").GetInt32()); // the entry was cleared after the enqueue
        var message = await App.Services.GetRequiredService<IJobQueue>().ReceiveAsync(10, TimeSpan.FromSeconds(30), TimeSpan.Zero, CancellationToken.None);
        Assert.Contains(message, m => m.Body.Contains(lost, StringComparison.Ordinal));
    }

    private static async Task<string> CreateJobAsync(IJobStore store, string imageId)
    {
        var job = new Job
        {
            Id = "job_" + Guid.NewGuid().ToString("N"),
            OwnerId = "alice",
            Kind = JobKinds.RenderVariants,
            Status = JobStatus.Queued,
            Total = 1,
            CreatedAt = DateTimeOffset.UtcNow,
            Variants = ["card"],
        };
        await store.CreateAsync(job, [new JobItem { ItemId = "0", ImageId = imageId, Variant = "card" }]);
        return job.Id;
    }
}
