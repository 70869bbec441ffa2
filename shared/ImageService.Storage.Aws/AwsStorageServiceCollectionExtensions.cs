using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.S3;
using ImageService.Core.CdnLogs;
using ImageService.Core.Images;
using ImageService.Core.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ImageService.Storage.Aws;

public static class AwsStorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers the AWS backend (DynamoDB metadata, S3 blobs, presigned POST uploads, presigned large-result links, CloudFront invalidation, the CDN's log objects) from
    /// the <c>Storage:Aws</c> section, plus the SDK clients with the standard resolution of region, credentials and
    /// <c>AWS_ENDPOINT_URL*</c>. An <see cref="AWSCredentials"/> registered beforehand replaces the default chain
    /// (tests use it for emulator keys); clients registered beforehand are kept.
    /// </summary>
    public static IServiceCollection AddAwsStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<AwsStorageOptions>().BindConfiguration(AwsStorageOptions.SectionName);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<AwsStorageOptions>>().Value);
        services.TryAddSingleton(sp => AwsClients.CreateDynamoDb(sp.GetRequiredService<AwsStorageOptions>(), configuration, sp.GetService<AWSCredentials>()));
        services.TryAddSingleton(sp => AwsClients.CreateS3(sp.GetRequiredService<AwsStorageOptions>(), configuration, sp.GetService<AWSCredentials>()));

        services.AddSingleton<IImageMetadataStore>(sp => new DynamoDbImageMetadataStore(
            sp.GetRequiredService<IAmazonDynamoDB>(), sp.GetRequiredService<AwsStorageOptions>()));
        services.AddSingleton<IBlobStore>(sp => new S3BlobStore(sp.GetRequiredService<IAmazonS3>(), sp.GetRequiredService<AwsStorageOptions>()));
        services.AddSingleton<IUploadPresigner>(sp => new S3UploadPresigner(
            sp.GetRequiredService<IAmazonS3>(), sp.GetRequiredService<AwsStorageOptions>(), sp.GetService<TimeProvider>()));
        services.AddHttpClient<ICdnInvalidator, CloudFrontInvalidator>((http, sp) => new CloudFrontInvalidator(
            http,
            sp.GetRequiredService<AwsStorageOptions>(),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<CloudFrontInvalidator>>(),
            sp.GetService<AWSCredentials>(),
            sp.GetService<TimeProvider>()));
        services.AddSingleton<ILargeResultLinks>(sp => new S3LargeResultLinks(
            sp.GetRequiredService<IAmazonS3>(), sp.GetRequiredService<AwsStorageOptions>(), sp.GetService<TimeProvider>() ?? TimeProvider.System));
        services.AddSingleton<ICdnLogObjects>(sp => new S3CdnLogObjects(sp.GetRequiredService<IAmazonS3>()));
        services.AddSingleton<AwsProvisioner>();
        return services;
    }
}
