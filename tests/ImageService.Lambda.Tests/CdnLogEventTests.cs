using System.Text.Json.Nodes;
using ImageService.Api.Hosting;
using ImageService.Core.Accounts;
using ImageService.Core.CdnLogs;
using ImageService.Core.Usage;
using ImageService.Tests.Shared;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ImageService.Lambda.Tests;

/// <summary>
/// The log-ingest function (_HANDLER=cdnlogs) as Lambda runs it: the real API composition in Lambda mode, S3
/// notifications of new log objects through the fake Runtime API, the embedded backend's ledger and counters.
/// </summary>
public sealed class CdnLogEventTests : IAsyncLifetime
{
    private const string Bucket = "imageservice-dev-cdnlogs";
    private const string Key = "cdn/E2EXAMPLE.2026-11-30-10.a1b2c3d4.gz";
    private const string ShopKey = "pk_ShopShopShopShopShopShop";

    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("imageservice-lambda-cdnlogs-").FullName;
    private DirectoryCdnLogObjects _logs = null!;
    private FakeRuntimeApi _runtime = null!;
    private WebApplication _app = null!;

    public async Task InitializeAsync()
    {
        _logs = new DirectoryCdnLogObjects(Path.Combine(_dataDirectory, "buckets"));
        _runtime = await FakeRuntimeApi.StartAsync();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [LambdaEnvironment.RuntimeApiVariable] = _runtime.Address,
            [LambdaEnvironment.HandlerVariable] = "cdnlogs",
            [StorageBackendOptions.Key] = nameof(StorageBackend.Local),
            ["Storage:DataDirectory"] = Path.Combine(_dataDirectory, "data"),
        });
        builder.UseLambdaHostingWhenConfigured();
        builder.Logging.ClearProviders();
        builder.Services.AddStorage(builder.Configuration);
        builder.Services.AddImageServiceApi(builder.Configuration);
        builder.Services.AddSingleton<ICdnLogObjects>(_logs);
        _app = builder.Build();
        _app.UseImageServiceApi();
        await _app.StartAsync();
        await _app.Services.GetRequiredService<IAccountStore>()
            .CreateIfAbsentAsync(Account.New("shop", "business", DateTimeOffset.UtcNow) with { PublicKey = ShopKey });
    }

    public async Task DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _runtime.DisposeAsync();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    [Fact]
    public async Task A_new_log_object_adds_its_requests_once_however_often_the_notification_arrives()
    {
        _logs.Put(Bucket, Key, CloudFrontLogFiles.Gzip(CloudFrontLogFiles.File(
            CloudFrontLogFiles.Line("2026-11-30", "10:59:58", 18650, $"/{ShopKey}/img_01JD5XK8F2"),
            CloudFrontLogFiles.Line("2026-11-30", "10:59:59", 700, $"/{ShopKey}/products/red-shoe.jpg", resultType: "Miss"),
            CloudFrontLogFiles.Line("2026-11-30", "10:59:59", 90, "/pk_NobodyNobodyNobodyNobody/x", status: 404),
            "not a log line")));

        var first = await _runtime.InvokeAsync(Events.Load("Sources/s3-cdn-log-created.json"));
        var again = await _runtime.InvokeAsync(Events.Load("Sources/s3-cdn-log-created.json"));

        Assert.Equal("response", first.Kind);
        var applied = Assert.Single(first.Json.GetProperty("objects").EnumerateArray());
        Assert.Equal($"s3://{Bucket}/{Key}", applied.GetProperty("source").GetString());
        Assert.Equal("applied", applied.GetProperty("outcome").GetString());
        Assert.Equal((4, 1, 1), (applied.GetProperty("lines").GetInt64(), applied.GetProperty("unparsed").GetInt64(), applied.GetProperty("unattributed").GetInt64()));
        Assert.Equal("response", again.Kind);
        Assert.Equal("alreadyApplied", again.Json.GetProperty("objects")[0].GetProperty("outcome").GetString());
        var usage = await _app.Services.GetRequiredService<IUsageStore>().GetAsync("shop", "2026-11");
        Assert.Equal(new EdgeUsage(2, 18650 + 700), usage.Edge);
    }

    [Fact]
    public async Task A_log_object_that_expired_before_its_notification_is_reported_missing_and_not_retried()
    {
        var outcome = await _runtime.InvokeAsync(Events.Load("Sources/s3-cdn-log-created.json"));

        Assert.Equal("response", outcome.Kind);
        Assert.Equal("missing", outcome.Json.GetProperty("objects")[0].GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task A_log_object_that_cannot_be_read_fails_the_invocation_so_lambda_retries_it()
    {
        _logs.Fail = true;

        var outcome = await _runtime.InvokeAsync(Events.Load("Sources/s3-cdn-log-created.json"));

        Assert.Equal("error", outcome.Kind);
        Assert.Equal("Function.EventFailed", outcome.ErrorTypeHeader);
        Assert.Null((await _app.Services.GetRequiredService<IUsageStore>().GetAsync("shop", "2026-11")).Edge);
    }

    [Fact]
    public async Task Other_s3_events_are_ignored()
    {
        var removed = JsonNode.Parse(Events.Load("Sources/s3-cdn-log-created.json"))!;
        removed["Records"]![0]!["eventName"] = "ObjectRemoved:Delete";

        var outcome = await _runtime.InvokeAsync(removed.ToJsonString());

        Assert.Equal("response", outcome.Kind);
        Assert.Equal(0, outcome.Json.GetProperty("objects").GetArrayLength());
    }
}
