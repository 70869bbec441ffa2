using System.Text;
using ImageService.Core.CdnLogs;
using ImageService.Tests.Shared;

namespace ImageService.Core.Tests.CdnLogs;

public sealed class CdnLogIngestorTests
{
    private const string ShopKey = "pk_Q7mZ2xK9vB4nR8tL1cW6yH3e";
    private const string BlogKey = "pk_0123456789abcdefghijklmn";
    private const string UnknownKey = "pk_ZZZZZZZZZZZZZZZZZZZZZZZZ";

    private readonly LogAccounts _accounts = new(
        LogAccounts.Account("shop", ShopKey, "img.shop.example"),
        LogAccounts.Account("blog", BlogKey));
    private readonly RecordingLedger _ledger = new();

    [Fact]
    public async Task Requests_are_attributed_by_public_key_or_custom_domain_and_summed_per_account_and_month()
    {
        var log = CloudFrontLogFiles.File(
            CloudFrontLogFiles.Line("2026-11-30", "23:59:59", 1000, $"/{ShopKey}/img_01JD5XK8F2"),
            CloudFrontLogFiles.Line("2026-11-30", "12:00:00", 250, $"/{ShopKey}/products/red-shoe.jpg", resultType: "Miss"),
            CloudFrontLogFiles.Line("2026-12-01", "00:00:00", 40, $"/{ShopKey}/img_01JD5XK8F2", status: 304),
            CloudFrontLogFiles.Line("2026-11-30", "08:00:00", 700, "/products/red-shoe.jpg", hostHeader: "IMG.Shop.Example"),
            CloudFrontLogFiles.Line("2026-11-30", "08:00:01", 5, $"/{BlogKey}/a"));

        var result = await IngestAsync(CloudFrontLogFiles.Gzip(log), "s3://logs/cdn/E2Q.2026-11-30-23.abcd1234.gz");

        Assert.Equal(CdnLogApplyOutcome.Applied, result.Outcome);
        Assert.Equal(5, result.Lines);
        Assert.Equal(0, result.Unparsed);
        Assert.Equal(0, result.Unattributed);
        Assert.Equal(
            [new EdgeUsageDelta("blog", "2026-11", 1, 5), new EdgeUsageDelta("shop", "2026-11", 3, 1950), new EdgeUsageDelta("shop", "2026-12", 1, 40)],
            result.Deltas);
        Assert.Equal(result.Deltas, _ledger.Applied[result.LogObject.Id]);
    }

    [Fact]
    public async Task Unknown_keys_and_hosts_are_counted_as_unattributed_and_named()
    {
        var log = CloudFrontLogFiles.File(
            CloudFrontLogFiles.Line("2026-11-30", "10:00:00", 100, $"/{UnknownKey}/img_01JD5XK8F2"),
            CloudFrontLogFiles.Line("2026-11-30", "10:00:01", 100, "/img_01JD5XK8F2", hostHeader: "img.other.example"),
            CloudFrontLogFiles.Line("2026-11-30", "10:00:02", 100, "/renditions/thumb.webp", hostHeader: "-"),
            CloudFrontLogFiles.Line("2026-11-30", "10:00:03", 9, $"/{BlogKey}/a"));

        var result = await IngestAsync(Encoding.UTF8.GetBytes(log), "cdn.log");

        Assert.Equal(4, result.Lines);
        Assert.Equal(3, result.Unattributed);
        Assert.Equal([new EdgeUsageDelta("blog", "2026-11", 1, 9)], result.Deltas);
        Assert.Equal([$"key {UnknownKey}", "host img.other.example", "no key or custom domain: -/renditions/thumb.webp"], result.UnattributedSamples);
    }

    [Fact]
    public async Task Lines_that_do_not_parse_are_counted_and_the_rest_still_counts()
    {
        var log = CloudFrontLogFiles.File(
            CloudFrontLogFiles.Line("2026-11-30", "10:00:00", 100, $"/{BlogKey}/a"),
            "garbage that is not a log line",
            CloudFrontLogFiles.Line("2026-11-30", "10:00:00", 100, $"/{BlogKey}/a").Replace("\t100\t", "\tlots\t", StringComparison.Ordinal),
            "",
            CloudFrontLogFiles.Line("2026-11-30", "10:00:01", 23, $"/{BlogKey}/b"));

        var result = await IngestAsync(Encoding.UTF8.GetBytes(log), "cdn.log");

        Assert.Equal(4, result.Lines);
        Assert.Equal(2, result.Unparsed);
        Assert.Equal([new EdgeUsageDelta("blog", "2026-11", 2, 123)], result.Deltas);
        Assert.Equal(["line 4: Expected at least 8 tab-separated fields, found 1.", "line 5: sc-bytes 'lots' is not a byte count."], result.UnparsedSamples);
    }

    [Fact]
    public async Task The_same_log_is_the_same_object_however_it_is_compressed_or_named()
    {
        var log = CloudFrontLogFiles.File(CloudFrontLogFiles.Line("2026-11-30", "10:00:00", 100, $"/{BlogKey}/a"));

        var first = await IngestAsync(CloudFrontLogFiles.Gzip(log), "s3://logs/E2Q.2026-11-30-10.1.gz");
        var again = await IngestAsync(Encoding.UTF8.GetBytes(log.Replace("\n", "\r\n", StringComparison.Ordinal)), "/backfill/copy.log");

        Assert.Equal(first.LogObject.Id, again.LogObject.Id);
        Assert.Equal(CdnLogApplyOutcome.AlreadyApplied, again.Outcome);
        Assert.Equal(64, first.LogObject.Id.Length);
    }

    [Fact]
    public async Task Each_key_or_host_is_looked_up_once_per_object()
    {
        var lines = Enumerable.Range(0, 50).Select(i => CloudFrontLogFiles.Line("2026-11-30", "10:00:00", i, $"/{ShopKey}/img{i}")).ToArray();

        await IngestAsync(Encoding.UTF8.GetBytes(CloudFrontLogFiles.File(lines)), "cdn.log");

        Assert.Equal(1, _accounts.Lookups);
    }

    private async Task<CdnLogIngestResult> IngestAsync(byte[] bytes, string source)
    {
        using var content = new MemoryStream(bytes);
        return await new CdnLogIngestor(_accounts, _ledger).IngestAsync(content, source, etag: null);
    }
}
