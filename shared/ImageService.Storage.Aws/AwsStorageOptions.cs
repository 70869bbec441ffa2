using System.ComponentModel.DataAnnotations;
namespace ImageService.Storage.Aws;

/// <summary>
/// Settings of the AWS backend, bound from <c>Storage:Aws</c> (environment: <c>Storage__Aws__TableName</c>, ...).
/// Endpoints, region and credentials otherwise follow the AWS SDK's standard resolution
/// (<c>AWS_ENDPOINT_URL</c>, <c>AWS_ENDPOINT_URL_S3</c>, <c>AWS_ENDPOINT_URL_DYNAMODB</c>, <c>AWS_REGION</c>, credential chain).
/// </summary>
public sealed class AwsStorageOptions
{
    public const string SectionName = "Storage:Aws";

    [Required(AllowEmptyStrings = false, ErrorMessage = "Storage:Aws:TableName must name the images table.")]
    public string TableName { get; set; } = "ImageMetadata";

    [Required(AllowEmptyStrings = false, ErrorMessage = "Storage:Aws:BucketName must name the bucket.")]
    public string BucketName { get; set; } = "image-service";

    /// <summary>Overrides AWS_REGION / the profile's region.</summary>
    public string? Region { get; set; }

    /// <summary>Endpoint of both services (overrides AWS_ENDPOINT_URL); for LocalStack or emulators.</summary>
    public Uri? ServiceUrl { get; set; }

    /// <summary>S3 endpoint (overrides AWS_ENDPOINT_URL_S3 and <see cref="ServiceUrl"/>).</summary>
    public Uri? S3ServiceUrl { get; set; }

    /// <summary>DynamoDB endpoint (overrides AWS_ENDPOINT_URL_DYNAMODB and <see cref="ServiceUrl"/>).</summary>
    public Uri? DynamoDbServiceUrl { get; set; }

    /// <summary>Path-style S3 addressing; defaults to true on a custom endpoint (emulators have no bucket DNS).</summary>
    public bool? ForcePathStyle { get; set; }

    /// <summary>Send plain bodies without aws-chunked encoding or flexible checksums; defaults to true on http://
    /// endpoints (s3rver stores aws-chunked bodies verbatim).</summary>
    public bool? DisableChunkedEncoding { get; set; }

    public AwsServerSideEncryption ServerSideEncryption { get; set; } = AwsServerSideEncryption.Aes256;

    public string? KmsKeyId { get; set; }

    /// <summary>CloudFront distribution to invalidate after deletes; unset = invalidation skipped (logged).</summary>
    public string? CloudFrontDistributionId { get; set; }

    public Uri CloudFrontEndpoint { get; set; } = new("https://cloudfront.amazonaws.com");

    /// <summary>Per-attempt HTTP timeout of SDK calls.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Retries after the first attempt (standard retry mode: exponential backoff with jitter).</summary>
    [Range(0, 20)]
    public int MaxErrorRetry { get; set; } = 3;
}
