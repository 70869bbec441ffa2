using ImageService.Core.Images;
using ImageService.Core.Storage;
using ImageService.Storage.Tests.Aws;
using ImageService.Storage.Tests.Contracts;

namespace ImageService.Storage.Tests.Faults;

/// <summary>
/// Kills the emulator processes under the AWS stores. Each test gets its own emulators (always local, even when
/// AWS_ENDPOINT_URL points elsewhere: only a process the test owns can be killed), with few retries so it is quick.
/// </summary>
public sealed class EmulatorFaultTests : IAsyncLifetime
{
    private AwsBackend? _backend;

    private AwsBackend Backend => _backend ?? throw new InvalidOperationException("Not initialised.");

    public async Task InitializeAsync() => _backend = await AwsBackend.StartAsync(useExternalEndpoint: false, options =>
    {
        options.MaxErrorRetry = 1;
        options.Timeout = TimeSpan.FromSeconds(5);
        options.ConnectTimeout = TimeSpan.FromSeconds(1);
    });

    public async Task DisposeAsync()
    {
        if (_backend is not null)
        {
            await _backend.DisposeAsync();
        }
    }

    [Fact]
    public async Task Blob_writes_and_reads_are_storage_unavailable_while_s3_is_down_and_work_after_it_restarts()
    {
        var blobs = Backend.CreateBlobStore();
        var owner = Records.NewOwner();
        var kept = BlobKeys.Original(owner, Records.NewId());
        var retried = BlobKeys.Original(owner, Records.NewId());
        await blobs.PutAsync(kept, new byte[] { 1, 2, 3 }, new BlobWriteOptions("image/png"));

        await Backend.S3rver!.StopAsync();

        await Assert.ThrowsAsync<StorageUnavailableException>(() => blobs.PutAsync(retried, new byte[] { 4, 5 }, new BlobWriteOptions("image/png")));
        await Assert.ThrowsAsync<StorageUnavailableException>(() => blobs.GetAsync(kept));
        await Assert.ThrowsAsync<StorageUnavailableException>(() => blobs.DeletePrefixAsync(BlobKeys.DerivedOf(owner, "x")));
        Assert.False(await blobs.IsReadyAsync());

        await Backend.S3rver.RestartAsync();

        await blobs.PutAsync(retried, new byte[] { 4, 5 }, new BlobWriteOptions("image/png"));
        Assert.True(await blobs.ExistsAsync(retried));
        Assert.True(await blobs.ExistsAsync(kept));
        Assert.True(await blobs.IsReadyAsync());
    }

    [Fact]
    public async Task Metadata_writes_and_queries_are_storage_unavailable_while_dynamodb_is_down_and_the_same_create_works_after_it_restarts()
    {
        var store = Backend.CreateMetadataStore();
        var owner = Records.NewOwner();
        var record = Records.Image(owner, 1);

        await Backend.Dynalite!.StopAsync();

        await Assert.ThrowsAsync<StorageUnavailableException>(() => store.CreateAsync(record));
        await Assert.ThrowsAsync<StorageUnavailableException>(() => store.ListAsync(new ImageQuery { OwnerId = owner }));
        await Assert.ThrowsAsync<StorageUnavailableException>(() => store.GetAsync(owner, record.Id));
        Assert.False(await store.IsReadyAsync());

        await Backend.Dynalite.RestartAsync();

        await store.CreateAsync(record);
        Assert.Equal([record.Id], (await store.ListAsync(new ImageQuery { OwnerId = owner })).Items.Select(r => r.Id));
        Assert.True(await store.IsReadyAsync());
    }

    [Fact]
    public async Task A_caller_cancelling_is_not_reported_as_storage_unavailable()
    {
        var store = Backend.CreateMetadataStore();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.GetAsync(Records.NewOwner(), Records.NewId(), cancelled.Token));
    }
}
