using ImageService.Core.Jobs;
using ImageService.Core.Storage;

namespace ImageService.Storage.Tests.Jobs;

/// <summary>The observable behaviour every <see cref="IJobStore"/> must have; each backend's test class supplies the store.</summary>
public abstract class JobStoreContract
{
    private static readonly DateTimeOffset Created = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    protected abstract IJobStore Store { get; }

    protected static string NewOwner() => "owner-" + Guid.NewGuid().ToString("N")[..12];

    protected static Job NewJob(string owner, int total, DateTimeOffset? createdAt = null, string? callbackUrl = null) => new()
    {
        // Time-ordered like the planner's ids (the DynamoDB store lists by id).
        Id = "job_" + new Core.Ids.ImageIdGenerator(new Accounts.FixedTimeProvider(createdAt ?? Created)).NewId(),
        OwnerId = owner,
        Kind = JobKinds.RenderVariants,
        Status = JobStatus.Queued,
        Total = total,
        CreatedAt = createdAt ?? Created,
        Variants = ["card", "hero"],
        AlbumId = "summer",
        CallbackUrl = callbackUrl,
    };

    protected static IReadOnlyList<JobItem> Items(int count) =>
        [.. Enumerable.Range(0, count).Select(i => new JobItem { ItemId = i.ToString(System.Globalization.CultureInfo.InvariantCulture), ImageId = $"img{i}", Variant = "card" })];

    [Fact]
    public async Task A_created_job_reads_back_for_its_owner_only()
    {
        var owner = NewOwner();
        var job = NewJob(owner, 2, callbackUrl: "https://example.com/hook");
        await Store.CreateAsync(job, Items(2));

        var read = await Store.GetAsync(owner, job.Id);
        Assert.NotNull(read);
        Assert.Equal((job.Id, JobStatus.Queued, 2, 0, 0), (read.Id, read.Status, read.Total, read.Done, read.Failed));
        Assert.Equal(["card", "hero"], read.Variants);
        Assert.Equal(("summer", "https://example.com/hook", Created), (read.AlbumId, read.CallbackUrl, read.CreatedAt));
        Assert.Null(await Store.GetAsync(NewOwner(), job.Id));
        Assert.Null(await Store.GetItemAsync(NewOwner(), job.Id, "0"));
        Assert.Equal(JobItemState.Pending, (await Store.GetItemAsync(owner, job.Id, "1"))!.State);
        await Assert.ThrowsAsync<ConflictException>(() => Store.CreateAsync(job, Items(1)));
    }

    [Fact]
    public async Task An_item_counts_once_however_often_it_completes()
    {
        var owner = NewOwner();
        var job = NewJob(owner, 2);
        await Store.CreateAsync(job, Items(2));
        var now = Created.AddMinutes(1);

        var first = await Store.CompleteItemAsync(owner, job.Id, "0", JobItemOutcome.Done("res1"), now);
        var again = await Store.CompleteItemAsync(owner, job.Id, "0", JobItemOutcome.Done("res1"), now);
        var failedLate = await Store.CompleteItemAsync(owner, job.Id, "0", JobItemOutcome.Fail("late"), now);

        Assert.True(first.Counted);
        Assert.False(first.Finished);
        Assert.False(again.Counted);
        Assert.False(failedLate.Counted);
        var read = await Store.GetAsync(owner, job.Id);
        Assert.Equal((1, 0), (read!.Done, read.Failed));
        Assert.Equal(["res1"], read.ResultImageIds);
        Assert.Empty(read.Errors);
        Assert.Equal(JobItemState.Done, (await Store.GetItemAsync(owner, job.Id, "0"))!.State);
    }

    [Fact]
    public async Task Another_owner_cannot_complete_an_item()
    {
        var owner = NewOwner();
        var job = NewJob(owner, 1);
        await Store.CreateAsync(job, Items(1));

        var foreign = await Store.CompleteItemAsync(NewOwner(), job.Id, "0", JobItemOutcome.Done(), Created);

        Assert.False(foreign.Counted);
        Assert.Equal(0, (await Store.GetAsync(owner, job.Id))!.Done);
    }

    [Fact]
    public async Task The_last_item_settles_the_job_once_and_a_failure_makes_it_failed()
    {
        var owner = NewOwner();
        var job = NewJob(owner, 3);
        await Store.CreateAsync(job, Items(3));
        var finishedAt = Created.AddMinutes(5);

        Assert.False((await Store.CompleteItemAsync(owner, job.Id, "0", JobItemOutcome.Done(), Created.AddMinutes(1))).Finished);
        Assert.False((await Store.CompleteItemAsync(owner, job.Id, "1", JobItemOutcome.Fail("broken original"), Created.AddMinutes(2))).Finished);
        var last = await Store.CompleteItemAsync(owner, job.Id, "2", JobItemOutcome.Done(), finishedAt);

        Assert.True(last.Finished);
        Assert.Equal(JobStatus.Failed, last.Job!.Status);
        Assert.Equal((2, 1, finishedAt), (last.Job.Done, last.Job.Failed, last.Job.FinishedAt));
        var error = Assert.Single(last.Job.Errors);
        Assert.Equal(("1", "img1", "broken original"), (error.ItemId, error.ImageId, error.Message));
    }

    [Fact]
    public async Task A_job_whose_items_all_succeed_succeeds()
    {
        var owner = NewOwner();
        var job = NewJob(owner, 2);
        await Store.CreateAsync(job, Items(2));
        await Store.MarkRunningAsync(owner, job.Id, Created.AddSeconds(1));
        Assert.Equal(JobStatus.Running, (await Store.GetAsync(owner, job.Id))!.Status);

        await Store.CompleteItemAsync(owner, job.Id, "1", JobItemOutcome.Done(), Created.AddSeconds(2));
        var last = await Store.CompleteItemAsync(owner, job.Id, "0", JobItemOutcome.Done(), Created.AddSeconds(3));

        Assert.Equal(JobStatus.Succeeded, last.Job!.Status);
        Assert.Equal(Created.AddSeconds(1), last.Job.StartedAt);
    }

    [Fact]
    public async Task Concurrent_workers_and_duplicate_deliveries_leave_exact_counters()
    {
        const int items = 40;
        var owner = NewOwner();
        var job = NewJob(owner, items);
        await Store.CreateAsync(job, Items(items));

        // Every item delivered three times, by eight workers at once.
        var deliveries = Enumerable.Range(0, items * 3).Select(i => (i % items).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var results = new System.Collections.Concurrent.ConcurrentBag<ItemCompletion>();
        await Parallel.ForEachAsync(deliveries, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (item, ct) =>
            results.Add(await Store.CompleteItemAsync(owner, job.Id, item, JobItemOutcome.Done(), Created, ct)));

        Assert.Equal(items, results.Count(r => r.Counted));
        Assert.Single(results, r => r.Finished);
        var read = await Store.GetAsync(owner, job.Id);
        Assert.Equal((items, 0, JobStatus.Succeeded), (read!.Done, read.Failed, read.Status));
    }

    [Fact]
    public async Task Cancel_stops_an_unfinished_job_and_refuses_a_finished_one()
    {
        var owner = NewOwner();
        var open = NewJob(owner, 2);
        await Store.CreateAsync(open, Items(2));
        var done = NewJob(owner, 1);
        await Store.CreateAsync(done, Items(1));
        await Store.CompleteItemAsync(owner, done.Id, "0", JobItemOutcome.Done(), Created);

        Assert.Equal(CancelResult.NotFound, await Store.CancelAsync(NewOwner(), open.Id, Created));
        Assert.Equal(CancelResult.Canceled, await Store.CancelAsync(owner, open.Id, Created.AddMinutes(3)));
        Assert.Equal(CancelResult.AlreadyFinished, await Store.CancelAsync(owner, open.Id, Created));
        Assert.Equal(CancelResult.AlreadyFinished, await Store.CancelAsync(owner, done.Id, Created));

        var canceled = await Store.GetAsync(owner, open.Id);
        Assert.Equal((JobStatus.Canceled, Created.AddMinutes(3)), (canceled!.Status, canceled.FinishedAt));
        // An item that was already running when the job was canceled still counts; the status stays canceled.
        var late = await Store.CompleteItemAsync(owner, open.Id, "0", JobItemOutcome.Done(), Created.AddMinutes(4));
        Assert.True(late.Counted);
        Assert.Equal((JobStatus.Canceled, 1), (late.Job!.Status, late.Job.Done));
    }

    [Fact]
    public async Task Waiting_puts_a_job_back_to_queued_with_its_reason_until_it_runs()
    {
        var owner = NewOwner();
        var job = NewJob(owner, 1);
        await Store.CreateAsync(job, Items(1));
        await Store.MarkRunningAsync(owner, job.Id, Created);

        await Store.MarkWaitingAsync(owner, job.Id, "provider down");
        var waiting = await Store.GetAsync(owner, job.Id);
        Assert.Equal((JobStatus.Queued, "provider down"), (waiting!.Status, waiting.Reason));

        await Store.MarkRunningAsync(owner, job.Id, Created.AddMinutes(1));
        var running = await Store.GetAsync(owner, job.Id);
        Assert.Equal((JobStatus.Running, null, Created), (running!.Status, running.Reason, running.StartedAt));
    }

    [Fact]
    public async Task Jobs_list_newest_first_in_pages()
    {
        var owner = NewOwner();
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var job = NewJob(owner, 1, Created.AddMinutes(i));
            await Store.CreateAsync(job, Items(1));
            ids.Add(job.Id);
        }
        await Store.CreateAsync(NewJob(NewOwner(), 1), Items(1));

        var first = await Store.ListAsync(owner, 2, null);
        var second = await Store.ListAsync(owner, 2, first.Next);
        var third = await Store.ListAsync(owner, 2, second.Next);

        Assert.Equal([ids[4], ids[3]], first.Items.Select(j => j.Id));
        Assert.Equal([ids[2], ids[1]], second.Items.Select(j => j.Id));
        Assert.Equal([ids[0]], third.Items.Select(j => j.Id));
        Assert.Null(third.Next);
    }

    [Fact]
    public async Task A_new_job_records_its_items_in_the_outbox_until_cleared()
    {
        var owner = NewOwner();
        var job = NewJob(owner, 3, createdAt: Created.AddSeconds(7));
        await Store.CreateAsync(job, Items(3));

        // Other tests share the store: look at this job's entries only.
        async Task<List<JobOutboxEntry>> Mine(DateTimeOffset before) =>
            [.. (await Store.ListOutboxAsync(before, 10_000)).Where(e => e.JobId == job.Id)];
        Assert.Empty(await Mine(job.CreatedAt));
        var entry = Assert.Single(await Mine(job.CreatedAt.AddMilliseconds(1)));
        Assert.Equal(new JobOutboxEntry(owner, job.Id, JobOutboxKind.Items, job.CreatedAt), entry);

        await Store.ClearOutboxAsync(NewOwner(), job.Id, JobOutboxKind.Items); // another owner's clear is nothing
        Assert.Single(await Mine(DateTimeOffset.MaxValue.AddYears(-1)));
        await Store.ClearOutboxAsync(owner, job.Id, JobOutboxKind.Items);
        await Store.ClearOutboxAsync(owner, job.Id, JobOutboxKind.Items); // twice is fine
        Assert.Empty(await Mine(DateTimeOffset.MaxValue.AddYears(-1)));
    }

    [Fact]
    public async Task Settling_a_job_with_a_callback_records_the_callback_in_the_outbox()
    {
        var owner = NewOwner();
        var withCallback = NewJob(owner, 2, createdAt: Created.AddSeconds(11), callbackUrl: "https://example.com/hook");
        var without = NewJob(owner, 1, createdAt: Created.AddSeconds(12));
        await Store.CreateAsync(withCallback, Items(2));
        await Store.CreateAsync(without, Items(1));
        await Store.ClearOutboxAsync(owner, withCallback.Id, JobOutboxKind.Items);
        await Store.ClearOutboxAsync(owner, without.Id, JobOutboxKind.Items);
        var settledAt = Created.AddMinutes(3);
        async Task<List<JobOutboxEntry>> Mine() =>
            [.. (await Store.ListOutboxAsync(DateTimeOffset.MaxValue.AddYears(-1), 10_000)).Where(e => e.OwnerId == owner)];

        await Store.CompleteItemAsync(owner, withCallback.Id, "0", JobItemOutcome.Done(), settledAt);
        Assert.Empty(await Mine()); // not settled yet
        var last = await Store.CompleteItemAsync(owner, withCallback.Id, "1", JobItemOutcome.Fail("broken"), settledAt);
        await Store.CompleteItemAsync(owner, without.Id, "0", JobItemOutcome.Done(), settledAt);

        Assert.True(last.Finished);
        Assert.Equal([new JobOutboxEntry(owner, withCallback.Id, JobOutboxKind.Callback, settledAt)], await Mine());
        await Store.ClearOutboxAsync(owner, withCallback.Id, JobOutboxKind.Callback);
        Assert.Empty(await Mine());
    }

    [Fact]
    public async Task A_job_stored_settled_with_a_callback_records_the_callback_and_no_items()
    {
        var owner = NewOwner();
        var at = Created.AddSeconds(13);
        var job = NewJob(owner, 0, createdAt: at, callbackUrl: "https://example.com/hook") with { Status = JobStatus.Succeeded, FinishedAt = at };
        await Store.CreateAsync(job, []);

        var entries = (await Store.ListOutboxAsync(DateTimeOffset.MaxValue.AddYears(-1), 10_000)).Where(e => e.OwnerId == owner).ToList();
        Assert.Equal([new JobOutboxEntry(owner, job.Id, JobOutboxKind.Callback, at)], entries);
    }

    [Fact]
    public async Task A_jobs_items_list_with_their_states_for_its_owner_only()
    {
        var owner = NewOwner();
        var job = NewJob(owner, 3);
        await Store.CreateAsync(job, Items(3));
        await Store.CompleteItemAsync(owner, job.Id, "1", JobItemOutcome.Done(), Created.AddMinutes(1));
        await Store.CompleteItemAsync(owner, job.Id, "2", JobItemOutcome.Fail("broken"), Created.AddMinutes(1));

        var items = await Store.ListItemsAsync(owner, job.Id);

        Assert.Equal([("0", "img0", JobItemState.Pending), ("1", "img1", JobItemState.Done), ("2", "img2", JobItemState.Failed)],
            items.Select(i => (i.ItemId, i.ImageId, i.State)).ToList());
        Assert.All(items, i => Assert.Equal("card", i.Variant));
        Assert.Empty(await Store.ListItemsAsync(NewOwner(), job.Id));
    }
}
