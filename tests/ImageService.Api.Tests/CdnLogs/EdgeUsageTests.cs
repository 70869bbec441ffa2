using System.Net;
using System.Text;
using System.Text.Json;
using ImageService.Api.CdnLogs;
using ImageService.Api.Tests.Delivery;
using ImageService.Core.CdnLogs;
using ImageService.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace ImageService.Api.Tests.CdnLogs;

/// <summary>Edge usage from CDN logs as customers see it: in GET /usage, and in the bandwidth quota.</summary>
public sealed class EdgeUsageTests(EdgeUsageTests.Fixture fixture) : IClassFixture<EdgeUsageTests.Fixture>
{
    public sealed class Fixture : IDisposable
    {
        public DeliveryTestApp Delivery { get; } = new();

        public void Dispose() => Delivery.Dispose();
    }

    private readonly DeliveryTestApp app = fixture.Delivery;

    [Fact]
    public async Task A_months_usage_shows_edge_requests_and_bytes_once_however_often_the_log_is_ingested()
    {
        var account = await app.AccountAsync("edge-usage");
        using var client = app.Client("edge-usage");
        // A month no log named has no edge fields. (Not the month under test: the embedded backend's reads of the
        // store are reused for up to a second.)
        using var without = await client.GetAsync("/usage?month=2026-10");
        var log = CloudFrontLogFiles.File(
            CloudFrontLogFiles.Line("2026-11-30", "10:00:01", 18650, $"/{account.PublicKey}/img_01JD5XK8F2"),
            CloudFrontLogFiles.Line("2026-11-30", "10:00:02", 312, $"/{account.PublicKey}/img_01JD5XK8F2", status: 304));

        Assert.Equal(CdnLogApplyOutcome.Applied, await IngestAsync(log));
        Assert.Equal(CdnLogApplyOutcome.AlreadyApplied, await IngestAsync(log));

        var withoutBody = JsonDocument.Parse(await without.Content.ReadAsStringAsync()).RootElement;
        Assert.False(withoutBody.TryGetProperty("edgeRequests", out _));
        Assert.False(withoutBody.TryGetProperty("edgeBytes", out _));
        using var after = await client.GetAsync("/usage?month=2026-11");
        var body = JsonDocument.Parse(await after.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(2, body.GetProperty("edgeRequests").GetInt64());
        Assert.Equal(18650 + 312, body.GetProperty("edgeBytes").GetInt64());
        Assert.Equal(18650 + 312, body.GetProperty("billableBandwidthBytes").GetInt64());
        Assert.Equal(0, body.GetProperty("bytesServed").GetInt64());
    }

    [Fact]
    public async Task Edge_bytes_count_toward_the_bandwidth_quota()
    {
        var account = await app.AccountAsync("edge-quota", plan: "tiny");
        var image = await app.UploadAsync("edge-quota");
        var today = app.Time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        // The tiny plan's bandwidth (1,000,000,000 bytes) used up at the edge, in two requests.
        await IngestAsync(CloudFrontLogFiles.File(
            CloudFrontLogFiles.Line(today, "00:00:01", 600_000_000, $"/{account.PublicKey}/{image}"),
            CloudFrontLogFiles.Line(today, "00:00:02", 400_000_000, $"/{account.PublicKey}/{image}")));
        using var browser = app.Browser();

        using var refused = await browser.GetAsync($"/{account.PublicKey}/{image}?w=40");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var problem = await refused.ReadProblemAsync();
        Assert.Equal("bandwidth", problem.GetProperty("quota").GetString());
    }

    private async Task<CdnLogApplyOutcome> IngestAsync(string log)
    {
        using var content = new MemoryStream(Encoding.UTF8.GetBytes(log));
        var result = await app.App.Services.GetRequiredService<CdnLogIngestion>().IngestAsync(content, "test.log", null, CancellationToken.None);
        return result.Outcome;
    }
}
