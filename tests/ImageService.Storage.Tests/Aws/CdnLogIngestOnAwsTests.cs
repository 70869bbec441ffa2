using Amazon.S3.Model;
using ImageService.Core.Accounts;
using ImageService.Core.CdnLogs;
using ImageService.Core.Usage;
using ImageService.Storage.Aws;
using ImageService.Storage.Aws.Accounts;
using ImageService.Storage.Tests.Accounts;
using ImageService.Tests.Shared;

namespace ImageService.Storage.Tests.Aws;

/// <summary>What the log-ingest function does on AWS, against s3rver and dynalite: read a gzip log object from the log
/// bucket, attribute it through the DynamoDB account lookups, apply it through the DynamoDB ledger.</summary>
[Collection(AwsEndpointsDefinition.Name)]
public sealed class CdnLogIngestOnAwsTests(AwsEmulatorFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => DynamoDbAccountsTable.EnsureAsync(fixture);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_gzip_log_object_read_from_s3_counts_once_for_the_accounts_it_names()
    {
        var accounts = new DynamoDbAccountStore(fixture.Backend.DynamoDb, DynamoDbAccountsTable.OptionsFor(fixture));
        var owner = "acct-" + Guid.NewGuid();
        var account = await accounts.CreateIfAbsentAsync(Account.New(owner, "business", DateTimeOffset.UtcNow));
        var key = $"cdnlogs/E2EXAMPLE.2026-11-30-10.{Guid.NewGuid():N}.gz";
        await fixture.Backend.S3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = fixture.Backend.Options.BucketName,
            Key = key,
            // s3rver does not decode aws-chunked bodies (S3BlobStore sends plain bodies to emulators too).
            UseChunkEncoding = false,
            InputStream = new MemoryStream(CloudFrontLogFiles.Gzip(CloudFrontLogFiles.File(
                CloudFrontLogFiles.Line("2026-11-30", "10:00:01", 1200, $"/{account.PublicKey}/img_01JD5XK8F2"),
                CloudFrontLogFiles.Line("2026-11-30", "10:00:02", 34, $"/{account.PublicKey}/img_01JD5XK8F2", status: 304)))),
        });
        var objects = new S3CdnLogObjects(fixture.Backend.S3);
        var ingestor = new CdnLogIngestor(accounts, new DynamoDbCdnLogLedger(fixture.Backend.DynamoDb, DynamoDbAccountsTable.OptionsFor(fixture)));

        var outcomes = new List<CdnLogApplyOutcome>();
        for (var delivery = 0; delivery < 2; delivery++)
        {
            await using var content = await objects.OpenAsync(fixture.Backend.Options.BucketName, key);
            outcomes.Add((await ingestor.IngestAsync(content!, $"s3://{fixture.Backend.Options.BucketName}/{key}", etag: null)).Outcome);
        }

        Assert.Equal([CdnLogApplyOutcome.Applied, CdnLogApplyOutcome.AlreadyApplied], outcomes);
        var usage = await new DynamoDbUsageStore(fixture.Backend.DynamoDb, DynamoDbAccountsTable.OptionsFor(fixture)).GetAsync(owner, "2026-11");
        Assert.Equal(new EdgeUsage(2, 1234), usage.Edge);
        Assert.Null(await objects.OpenAsync(fixture.Backend.Options.BucketName, "cdnlogs/never-written.gz"));
    }
}
