using System.Globalization;
using System.Net;
using System.Text;
using System.Xml.Linq;
using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using ImageService.Core.Storage;
using Microsoft.Extensions.Logging;

namespace ImageService.Storage.Aws;

/// <summary>
/// CloudFront CreateInvalidation over its REST API (AWSSDK.CloudFront is not on this registry), signed with SigV4
/// for the global endpoint's signing region us-east-1. Without a configured distribution nothing is sent.
/// </summary>
public sealed partial class CloudFrontInvalidator(
    HttpClient http,
    AwsStorageOptions options,
    ILogger<CloudFrontInvalidator> logger,
    AWSCredentials? credentials = null,
    TimeProvider? timeProvider = null) : ICdnInvalidator
{
    private const string ApiVersion = "2020-05-31";
    private const string SigningRegion = "us-east-1";
    private const string SigningService = "cloudfront";
    private static readonly XNamespace Xmlns = $"http://cloudfront.amazonaws.com/doc/{ApiVersion}/";

    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    public async Task InvalidateAsync(IReadOnlyCollection<string> paths, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        if (paths.Count == 0)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(options.CloudFrontDistributionId))
        {
            LogSkipped(paths.Count);
            return;
        }

        var body = Encoding.UTF8.GetBytes(InvalidationBatch(paths, Guid.NewGuid().ToString("N")));
        using var request = new HttpRequestMessage(HttpMethod.Post, InvalidationUri(options.CloudFrontDistributionId))
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = new("text/xml") } },
        };
        var identity = await (credentials ?? DefaultAWSCredentialsIdentityResolver.GetCredentials()).GetCredentialsAsync();
        SigV4RequestSigner.Sign(request, body, identity, SigningRegion, SigningService, _time.GetUtcNow().UtcDateTime);

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (Exception ex) when (AwsFailures.IsUnavailable(ex, cancellationToken))
        {
            throw AwsFailures.Unavailable("CloudFront", ex);
        }

        using (response)
        {
            var answer = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.StatusCode == HttpStatusCode.Created)
            {
                var invalidationId = InvalidationId(answer);
                LogCreated(options.CloudFrontDistributionId, paths.Count, invalidationId);
                return;
            }

            var message = $"CloudFront CreateInvalidation answered {(int)response.StatusCode}: {ErrorCode(answer)}";
            throw (int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests
                ? new StorageUnavailableException(message)
                : new InvalidOperationException(message);
        }
    }

    internal Uri InvalidationUri(string distributionId) =>
        new(options.CloudFrontEndpoint, $"/{ApiVersion}/distribution/{Uri.EscapeDataString(distributionId)}/invalidation");

    /// <summary>The InvalidationBatch document of the CreateInvalidation API.</summary>
    internal static string InvalidationBatch(IReadOnlyCollection<string> paths, string callerReference)
    {
        var batch = new XElement(Xmlns + "InvalidationBatch",
            new XElement(Xmlns + "Paths",
                new XElement(Xmlns + "Quantity", paths.Count.ToString(CultureInfo.InvariantCulture)),
                new XElement(Xmlns + "Items", paths.Select(path => new XElement(Xmlns + "Path", path)))),
            new XElement(Xmlns + "CallerReference", callerReference));
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + batch.ToString(SaveOptions.DisableFormatting);
    }

    private static string? InvalidationId(string xml) => TryParse(xml)?.Descendants(Xmlns + "Id").FirstOrDefault()?.Value;

    private static string ErrorCode(string xml) =>
        TryParse(xml)?.Descendants().FirstOrDefault(e => e.Name.LocalName == "Code")?.Value ?? "no error code";

    private static XDocument? TryParse(string xml)
    {
        try
        {
            return XDocument.Parse(xml);
        }
        catch (System.Xml.XmlException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "No CloudFront distribution configured: skipped invalidating {PathCount} path(s)")]
    private partial void LogSkipped(int pathCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "CloudFront invalidation {InvalidationId} of {PathCount} path(s) created on {DistributionId}")]
    private partial void LogCreated(string distributionId, int pathCount, string? invalidationId);
}
