using System.Net;
using ImageService.Api.Testing;
using ImageService.Api.Tests;
using ImageService.Storage.Tests.Api;
using ImageService.Storage.Tests.Aws;
using ImageService.Storage.Tests.Contracts;

namespace ImageService.Storage.Tests.Faults;

/// <summary>
/// The whole API on the AWS backend while an endpoint is killed mid-upload: the image bytes reach one service and
/// the other is gone. Private emulators (killable), few SDK retries so each outage surfaces within seconds.
/// </summary>
public sealed class AwsApiFaultTests : IAsyncLifetime, IDisposable
{
    private AwsBackend? _backend;
    private ImageServiceApp? _app;

    private AwsBackend Backend => _backend ?? throw new InvalidOperationException("Not initialised.");

    private ImageServiceApp App => _app ?? throw new InvalidOperationException("Not initialised.");

    public async Task InitializeAsync()
    {
        _backend = await AwsBackend.StartAsync(useExternalEndpoint: false, options =>
        {
            options.MaxErrorRetry = 1;
            options.Timeout = TimeSpan.FromSeconds(5);
            options.ConnectTimeout = TimeSpan.FromSeconds(1);
        });
        _app = _backend.CreateApp();
    }

    public void Dispose() => _app?.Dispose();

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        if (_backend is not null)
        {
            await _backend.DisposeAsync();
        }
    }

    [Fact]
    public async Task Upload_while_s3_is_down_answers_503_leaves_no_record_and_succeeds_once_s3_is_back()
    {
        var user = Records.NewOwner();
        using var client = App.CreateClient(user);
        var png = TestImages.Png(40, 30);
        await Backend.S3rver!.StopAsync();

        using var failed = await client.UploadAsync(png, title: "Storm");

        await AssertUnavailableProblemAsync(failed);
        Assert.Empty(await client.ListedIdsAsync());
        Assert.Empty(await Backend.MetadataIdsOfOwnerAsync(user));

        await Backend.S3rver.RestartAsync();
        using var retried = await client.UploadAsync(png, title: "Storm");

        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        var id = (await retried.JsonAsync()).GetProperty("id").GetString()!;
        Assert.Equal([id], await client.ListedIdsAsync());
        Assert.Equal(png, await client.GetByteArrayAsync(new Uri($"/images/{id}/original", UriKind.Relative)));
    }

    [Fact]
    public async Task Upload_while_dynamodb_is_down_answers_503_leaves_no_orphan_objects_and_succeeds_once_it_is_back()
    {
        var user = Records.NewOwner();
        using var client = App.CreateClient(user);
        var png = TestImages.Png(40, 30, seed: 3);
        await Backend.Dynalite!.StopAsync();

        // The renditions reach S3; recording the image is what fails.
        using var failed = await client.UploadAsync(png);

        await AssertUnavailableProblemAsync(failed);
        Assert.Empty(await Backend.ObjectKeysContainingAsync(user));

        await Backend.Dynalite.RestartAsync();
        Assert.Empty(await Backend.MetadataIdsOfOwnerAsync(user));
        using var retried = await client.UploadAsync(png);

        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        var id = (await retried.JsonAsync()).GetProperty("id").GetString()!;
        Assert.Equal([id], await client.ListedIdsAsync());
        Assert.Equal([id], await Backend.MetadataIdsOfOwnerAsync(user));
    }

    [Fact]
    public async Task Health_reports_storage_unready_while_an_endpoint_is_down()
    {
        using var client = App.CreateClient();
        using (var healthy = await client.GetAsync(new Uri("/health", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
        }

        await Backend.Dynalite!.StopAsync();
        using var unhealthy = await client.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, unhealthy.StatusCode);
    }

    private static async Task AssertUnavailableProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.JsonAsync();
        Assert.Equal(503, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("type").GetString()));
    }
}
