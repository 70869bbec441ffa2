using ImageService.Core.Accounts;
using ImageService.Storage.Local;
using ImageService.Storage.Local.Accounts;
using ImageService.Tests.Shared;

namespace ImageService.Api.Tests.CommandLine;

/// <summary><c>ingest-cdn-logs</c> as an operator runs it: a real process on the embedded backend's data directory.</summary>
public sealed class IngestCdnLogsCommandTests : IDisposable
{
    private const string ShopKey = "pk_ShopShopShopShopShopShop";
    private const string BlogKey = "pk_BlogBlogBlogBlogBlogBlog";

    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("cli-cdnlogs-");
    private readonly DirectoryInfo _logs = Directory.CreateTempSubdirectory("cli-cdnlogs-files-");

    public void Dispose()
    {
        _data.Delete(recursive: true);
        _logs.Delete(recursive: true);
    }

    [Fact]
    public async Task A_directory_of_logs_is_applied_once_and_running_it_again_adds_nothing()
    {
        var options = new LocalStorageOptions { DataDirectory = _data.FullName };
        var accounts = new SqliteAccountStore(options);
        var shop = await accounts.CreateIfAbsentAsync(NewAccount("shop", ShopKey));
        await accounts.UpdateAsync(shop with { CustomDomains = ["img.shop.example"], Version = 2 }, 1);
        await accounts.CreateIfAbsentAsync(NewAccount("blog", BlogKey));
        await File.WriteAllBytesAsync(Path.Combine(_logs.FullName, "E2EXAMPLE.2026-11-30-10.a1b2c3d4.gz"), CloudFrontLogFiles.Gzip(CloudFrontLogFiles.File(
            CloudFrontLogFiles.Line("2026-11-30", "10:00:01", 18650, $"/{ShopKey}/img_01JD5XK8F2"),
            CloudFrontLogFiles.Line("2026-11-30", "10:00:02", 312, $"/{ShopKey}/img_01JD5XK8F2", resultType: "RefreshHit", status: 304),
            CloudFrontLogFiles.Line("2026-11-30", "10:00:03", 20480, "/products/red-shoe.jpg", hostHeader: "img.shop.example", resultType: "Miss"),
            CloudFrontLogFiles.Line("2026-11-30", "10:00:04", 600, "/pk_NobodyNobodyNobodyNobody/x", resultType: "Error", status: 404),
            "2026-11-30\t10:00:05\tFRA56-P1")));
        await File.WriteAllTextAsync(Path.Combine(_logs.FullName, "E2EXAMPLE.2026-12-01-00.e5f6a7b8"), CloudFrontLogFiles.File(
            CloudFrontLogFiles.Line("2026-12-01", "00:00:09", 5120, $"/{BlogKey}/img_01JD5XK8F2")));

        var first = await IngestAsync(_logs.FullName);
        var second = await IngestAsync(_logs.FullName);

        Assert.Equal(0, first.ExitCode);
        Assert.Equal("objects applied: 2, skipped (already applied): 0, lines: 6, unparsed: 1, unattributed: 1", LastLine(first.Stdout));
        Assert.Equal(0, second.ExitCode);
        Assert.Equal("objects applied: 0, skipped (already applied): 2, lines: 6, unparsed: 1, unattributed: 1", LastLine(second.Stdout));
        Assert.Contains("skipped (already applied): " + Path.Combine(_logs.FullName, "E2EXAMPLE.2026-11-30-10.a1b2c3d4.gz"), second.Stdout, StringComparison.Ordinal);
        var usage = new SqliteUsageStore(options);
        Assert.Equal(new Core.Usage.EdgeUsage(3, 18650 + 312 + 20480), (await usage.GetAsync("shop", "2026-11")).Edge);
        Assert.Equal(new Core.Usage.EdgeUsage(1, 5120), (await usage.GetAsync("blog", "2026-12")).Edge);
        Assert.Null((await usage.GetAsync("blog", "2026-11")).Edge);
    }

    [Fact]
    public async Task A_missing_path_is_exit_code_1_and_no_argument_shows_the_usage()
    {
        var missing = await IngestAsync(Path.Combine(_logs.FullName, "nope"));
        var bare = await AppProcess.RunAsync(["ingest-cdn-logs"], environment: "Production");

        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("No such file or directory", missing.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, bare.ExitCode);
        Assert.Contains("ingest-cdn-logs FILE|DIR", bare.Stderr, StringComparison.Ordinal);
    }

    private Task<AppProcess.Result> IngestAsync(string path) =>
        AppProcess.RunAsync(["ingest-cdn-logs", path, $"--Storage:DataDirectory={_data.FullName}"], environment: "Production");

    private static Account NewAccount(string id, string publicKey) =>
        Account.New(id, "business", DateTimeOffset.UtcNow) with { PublicKey = publicKey };

    private static string LastLine(string output) => output.TrimEnd().Split('\n')[^1].TrimEnd('\r');
}
