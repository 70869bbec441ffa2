using System.Net;
using ImageService.Api.Testing;
using ImageService.Api.Tests;
using ImageService.Storage.Tests.Api;
using ImageService.Storage.Tests.Aws;
using ImageService.Storage.Tests.Contracts;

namespace ImageService.Storage.Tests.Faults;

/// <summary>
/// The whole API on the AWS backend with a <see cref="FaultProxy"/> in front of each emulator: a service slower than
/// the SDK timeout, a connection reset mid-request, an answer lost after the write. Each upload either fails with a
/// 503 problem that carries a correlation id and leaves nothing behind, or succeeds whole; the same upload succeeds
/// once the fault ends. Short SDK timeouts (2 s, one retry) keep each case to seconds.
/// </summary>
public sealed class AwsNetworkFaultTests : IAsyncLifetime, IDisposable
{
    private AwsBackend? _backend;
    private FaultProxy? _dynamoDb;
    private FaultProxy? _s3;
    private ImageServiceApp? _app;

    private AwsBackend Backend => _backend ?? throw new InvalidOperationException("Not initialised.");

    private FaultProxy DynamoDb => _dynamoDb ?? throw new InvalidOperationException("Not initialised.");

    private FaultProxy S3 => _s3 ?? throw new InvalidOperationException("Not initialised.");

    private ImageServiceApp App => _app ?? throw new InvalidOperationException("Not initialised.");

    public async Task InitializeAsync()
    {
        _backend = await AwsBackend.StartAsync(useExternalEndpoint: false, options =>
        {
            options.MaxErrorRetry = 1;
            options.Timeout = TimeSpan.FromSeconds(2);
            options.ConnectTimeout = TimeSpan.FromSeconds(1);
        });
        _dynamoDb = FaultProxy.Start(_backend.Dynalite!.Endpoint);
        _s3 = FaultProxy.Start(_backend.S3rver!.Endpoint);
        _app = _backend.CreateApp(new()
        {
            ["Storage:Aws:DynamoDbServiceUrl"] = _dynamoDb.Endpoint.ToString(),
            ["Storage:Aws:S3ServiceUrl"] = _s3.Endpoint.ToString(),
        });
    }

    public void Dispose() => _app?.Dispose();

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
        foreach (var proxy in new[] { _dynamoDb, _s3 })
        {
            if (proxy is not null)
            {
                await proxy.DisposeAsync();
            }
        }
        if (_backend is not null)
        {
            await _backend.DisposeAsync();
        }
    }

    public static TheoryData<string, ProxyMode> Faults => new()
    {
        { "dynamodb", ProxyMode.Stall },
        { "dynamodb", ProxyMode.CutMidRequest },
        { "s3", ProxyMode.Stall },
        { "s3", ProxyMode.CutMidRequest },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task An_upload_during_the_fault_is_a_503_with_a_correlation_id_leaves_nothing_and_succeeds_after(string service, ProxyMode fault)
    {
        var user = Records.NewOwner();
        using var client = App.CreateClient(user);
        await WarmUpAsync(client); // the account exists and the SDK holds pooled connections through the proxies
        var png = TestImages.Png(48, 32, seed: 7);
        var proxy = service == "s3" ? S3 : DynamoDb;

        proxy.Set(fault);
        using var failed = await client.UploadAsync(png, title: "Storm");
        proxy.Set(ProxyMode.Pass);

        Assert.True(proxy.FaultsDone > 0, "the fault never happened");
        await AssertUnavailableWithCorrelationIdAsync(failed);
        Assert.Empty(await Backend.MetadataIdsOfOwnerAsync(user));
        Assert.Empty(await Backend.ObjectKeysContainingAsync(user));

        using var retried = await client.UploadAsync(png, title: "Storm");

        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        var id = (await retried.JsonAsync()).GetProperty("id").GetString()!;
        Assert.Equal([id], await client.ListedIdsAsync());
        Assert.Equal(png, await client.GetByteArrayAsync(new Uri($"/images/{id}/original", UriKind.Relative)));
    }

    [Theory]
    [InlineData("dynamodb")]
    [InlineData("s3")]
    public async Task An_answer_lost_after_the_write_still_leaves_either_a_whole_image_or_nothing(string service)
    {
        var user = Records.NewOwner();
        using var client = App.CreateClient(user);
        await WarmUpAsync(client);
        var png = TestImages.Png(40, 40, seed: 11);
        var proxy = service == "s3" ? S3 : DynamoDb;

        proxy.Set(ProxyMode.DropResponse, times: 1); // the first write's answer is lost; the SDK retries
        using var response = await client.UploadAsync(png);

        Assert.Equal(1, proxy.FaultsDone);
        var metadata = await Backend.MetadataIdsOfOwnerAsync(user);
        if (response.StatusCode == HttpStatusCode.Created)
        {
            var id = (await response.JsonAsync()).GetProperty("id").GetString()!;
            Assert.Equal([id], metadata);
            Assert.Equal(png, await client.GetByteArrayAsync(new Uri($"/images/{id}/original", UriKind.Relative)));
        }
        else
        {
            await AssertUnavailableWithCorrelationIdAsync(response);
            Assert.Empty(metadata);
            Assert.Empty(await Backend.ObjectKeysContainingAsync(user));
        }
    }

    [Fact]
    public async Task A_patch_while_dynamodb_stalls_is_a_503_changes_nothing_and_the_same_patch_succeeds_after()
    {
        var user = Records.NewOwner();
        using var client = App.CreateClient(user);
        var image = await client.UploadOkAsync(TestImages.Png(30, 30, seed: 2), title: "Before");
        using var current = await client.GetAsync(new Uri($"/images/{image.Id}", UriKind.Relative));
        var etag = current.Headers.ETag!.Tag;

        DynamoDb.Set(ProxyMode.Stall);
        using var failed = await client.PatchJsonAsync($"/images/{image.Id}", """{"title":"After"}""", ifMatch: etag);
        DynamoDb.Set(ProxyMode.Pass);

        await AssertUnavailableWithCorrelationIdAsync(failed);
        using var unchanged = await client.GetAsync(new Uri($"/images/{image.Id}", UriKind.Relative));
        Assert.Equal("Before", (await unchanged.JsonAsync()).GetProperty("title").GetString());
        Assert.Equal(etag, unchanged.Headers.ETag!.Tag);

        using var retried = await client.PatchJsonAsync($"/images/{image.Id}", """{"title":"After"}""", ifMatch: etag);

        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal("After", (await retried.JsonAsync()).GetProperty("title").GetString());
    }

    private static async Task WarmUpAsync(HttpClient client)
    {
        using var warm = await client.GetAsync(new Uri("/images", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, warm.StatusCode);
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
