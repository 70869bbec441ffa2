using System.Net;
using System.Xml.Linq;
using Amazon.Runtime;
using ImageService.Core.Storage;
using ImageService.Storage.Aws;
using Microsoft.Extensions.Logging.Abstractions;

namespace ImageService.Storage.Tests.Aws;

public sealed class CloudFrontInvalidatorTests
{
    private static readonly XNamespace CloudFront = "http://cloudfront.amazonaws.com/doc/2020-05-31/";
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 4, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task Invalidation_posts_a_batch_of_the_paths_to_the_distribution_signed_for_cloudfront_in_us_east_1()
    {
        var handler = new RecordingHandler(HttpStatusCode.Created,
            """<Invalidation xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/"><Id>I2J0I21PCUYOIK</Id><Status>InProgress</Status></Invalidation>""");
        var invalidator = Invalidator(handler, "EDFDVBD6EXAMPLE", new SessionAWSCredentials("AKIDEXAMPLE", "secret", "session-token"));

        await invalidator.InvalidateAsync(["/pk_1/img-1*", "/pk_1/img-1/photo.jpg"]);

        var request = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("https://cloudfront.amazonaws.com/2020-05-31/distribution/EDFDVBD6EXAMPLE/invalidation", request.Uri.ToString());
        var batch = XDocument.Parse(request.Body).Root!;
        Assert.Equal(CloudFront + "InvalidationBatch", batch.Name);
        Assert.Equal("2", batch.Element(CloudFront + "Paths")!.Element(CloudFront + "Quantity")!.Value);
        Assert.Equal(["/pk_1/img-1*", "/pk_1/img-1/photo.jpg"], batch.Descendants(CloudFront + "Path").Select(p => p.Value));
        Assert.False(string.IsNullOrEmpty(batch.Element(CloudFront + "CallerReference")?.Value));
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261122/us-east-1/cloudfront/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-security-token, Signature=", request.Authorization, StringComparison.Ordinal);
        Assert.Equal("20261122T043000Z", request.AmzDate);
        Assert.Equal("session-token", request.SecurityToken);
    }

    [Fact]
    public async Task Each_invalidation_gets_its_own_caller_reference()
    {
        var handler = new RecordingHandler(HttpStatusCode.Created, "<Invalidation/>");
        var invalidator = Invalidator(handler, "E1", new BasicAWSCredentials("AKID", "secret"));

        await invalidator.InvalidateAsync(["/a*"]);
        await invalidator.InvalidateAsync(["/a*"]);

        var references = handler.Requests.Select(r => XDocument.Parse(r.Body).Descendants(CloudFront + "CallerReference").Single().Value).ToArray();
        Assert.NotEqual(references[0], references[1]);
    }

    [Fact]
    public async Task Without_a_distribution_nothing_is_sent()
    {
        var handler = new RecordingHandler(HttpStatusCode.Created, "");
        var invalidator = Invalidator(handler, distributionId: null, new BasicAWSCredentials("AKID", "secret"));

        await invalidator.InvalidateAsync(["/pk/img*"]);

        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task CloudFront_server_error_is_storage_unavailable()
    {
        var handler = new RecordingHandler(HttpStatusCode.ServiceUnavailable,
            """<ErrorResponse><Error><Code>ServiceUnavailable</Code></Error></ErrorResponse>""");
        var invalidator = Invalidator(handler, "E1", new BasicAWSCredentials("AKID", "secret"));

        var error = await Assert.ThrowsAsync<StorageUnavailableException>(() => invalidator.InvalidateAsync(["/a*"]));

        Assert.Contains("ServiceUnavailable", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refused_invalidation_reports_cloudfronts_error_code()
    {
        var handler = new RecordingHandler(HttpStatusCode.Forbidden,
            """<ErrorResponse xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/"><Error><Type>Sender</Type><Code>AccessDenied</Code></Error></ErrorResponse>""");
        var invalidator = Invalidator(handler, "E1", new BasicAWSCredentials("AKID", "secret"));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => invalidator.InvalidateAsync(["/a*"]));

        Assert.Contains("AccessDenied", error.Message, StringComparison.Ordinal);
    }

    private static CloudFrontInvalidator Invalidator(RecordingHandler handler, string? distributionId, AWSCredentials credentials) =>
        new(new HttpClient(handler),
            new AwsStorageOptions { CloudFrontDistributionId = distributionId },
            NullLogger<CloudFrontInvalidator>.Instance,
            credentials,
            new FixedTime(Now));

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private sealed record SentRequest(HttpMethod Method, Uri Uri, string Body, string? Authorization, string? AmzDate, string? SecurityToken);

    private sealed class RecordingHandler(HttpStatusCode status, string answer) : HttpMessageHandler
    {
        public List<SentRequest> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add(new SentRequest(
                request.Method,
                request.RequestUri!,
                request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken),
                Header(request, "Authorization"),
                Header(request, "X-Amz-Date"),
                Header(request, "X-Amz-Security-Token")));
            return new HttpResponseMessage(status) { Content = new StringContent(answer) };
        }

        private static string? Header(HttpRequestMessage request, string name) =>
            request.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;
    }
}
