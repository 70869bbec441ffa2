using Amazon;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.SQS;
using Microsoft.Extensions.Configuration;

namespace ImageService.Storage.Aws;

/// <summary>
/// Builds the SDK clients from <see cref="AwsStorageOptions"/> and the standard AWS variables. Endpoints are
/// resolved here rather than left to the SDK because presigned URLs ignore <c>AWS_ENDPOINT_URL*</c> otherwise
/// (measured with AWSSDK.S3 4.0.104.5: requests honour it, CreatePresignedPost does not).
/// </summary>
public static class AwsClients
{
    // With a custom endpoint the SDK cannot infer a signing region; emulators and LocalStack accept any.
    private const string FallbackRegion = "us-east-1";

    public static AmazonS3Config S3Config(AwsStorageOptions options, IConfiguration? configuration = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var config = new AmazonS3Config();
        var endpoint = options.S3ServiceUrl?.ToString()
            ?? Setting(configuration, "AWS_ENDPOINT_URL_S3")
            ?? options.ServiceUrl?.ToString()
            ?? Setting(configuration, "AWS_ENDPOINT_URL");
        ApplyCommon(config, options, configuration, endpoint);
        // Emulators and LocalStack have no per-bucket DNS names.
        config.ForcePathStyle = options.ForcePathStyle ?? endpoint is not null;
        if (DisablesChunkedEncoding(options, endpoint))
        {
            config.RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED;
            config.ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED;
        }

        return config;
    }

    public static AmazonDynamoDBConfig DynamoDbConfig(AwsStorageOptions options, IConfiguration? configuration = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var config = new AmazonDynamoDBConfig();
        var endpoint = options.DynamoDbServiceUrl?.ToString()
            ?? Setting(configuration, "AWS_ENDPOINT_URL_DYNAMODB")
            ?? options.ServiceUrl?.ToString()
            ?? Setting(configuration, "AWS_ENDPOINT_URL");
        ApplyCommon(config, options, configuration, endpoint);
        return config;
    }

    /// <summary>Credentials null = the SDK's default chain (environment, profile, SSO, container, instance role).</summary>
    public static IAmazonS3 CreateS3(AwsStorageOptions options, IConfiguration? configuration = null, AWSCredentials? credentials = null)
    {
        var config = S3Config(options, configuration);
        return credentials is null ? new AmazonS3Client(config) : new AmazonS3Client(credentials, config);
    }

    public static IAmazonDynamoDB CreateDynamoDb(AwsStorageOptions options, IConfiguration? configuration = null, AWSCredentials? credentials = null)
    {
        var config = DynamoDbConfig(options, configuration);
        return credentials is null ? new AmazonDynamoDBClient(config) : new AmazonDynamoDBClient(credentials, config);
    }

    /// <summary>The jobs queue's client: <paramref name="serviceUrl"/>, else AWS_ENDPOINT_URL_SQS, else AWS_ENDPOINT_URL.</summary>
    public static IAmazonSQS CreateSqs(AwsStorageOptions options, Uri? serviceUrl, IConfiguration? configuration = null, AWSCredentials? credentials = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var config = new AmazonSQSConfig();
        var endpoint = serviceUrl?.ToString()
            ?? Setting(configuration, "AWS_ENDPOINT_URL_SQS")
            ?? options.ServiceUrl?.ToString()
            ?? Setting(configuration, "AWS_ENDPOINT_URL");
        ApplyCommon(config, options, configuration, endpoint);
        return credentials is null ? new AmazonSQSClient(config) : new AmazonSQSClient(credentials, config);
    }

    /// <summary>Plain-http endpoints are emulators: s3rver stores aws-chunked bodies verbatim, so send plain ones.</summary>
    internal static bool DisablesChunkedEncoding(AwsStorageOptions options, string? endpoint) =>
        options.DisableChunkedEncoding ?? (endpoint is not null && endpoint.StartsWith("http://", StringComparison.OrdinalIgnoreCase));

    private static void ApplyCommon(ClientConfig config, AwsStorageOptions options, IConfiguration? configuration, string? endpoint)
    {
        var region = options.Region ?? Setting(configuration, "AWS_REGION") ?? Setting(configuration, "AWS_DEFAULT_REGION");
        if (endpoint is not null)
        {
            // Setting RegionEndpoint would clear ServiceURL; the region only signs here.
            config.ServiceURL = endpoint;
            config.AuthenticationRegion = region ?? FallbackRegion;
        }
        else if (region is not null)
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }

        config.Timeout = options.Timeout;
        config.ConnectTimeout = options.ConnectTimeout;
        config.RetryMode = RequestRetryMode.Standard;
        config.MaxErrorRetry = options.MaxErrorRetry;
    }

    private static string? Setting(IConfiguration? configuration, string name)
    {
        var value = configuration?[name] ?? Environment.GetEnvironmentVariable(name);
        return string.IsNullOrWhiteSpace(value) ? null : value;
    }
}
