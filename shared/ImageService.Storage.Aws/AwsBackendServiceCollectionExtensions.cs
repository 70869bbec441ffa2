using ImageService.Core.Usage;
using ImageService.Storage.Aws.Accounts;
using ImageService.Storage.Aws.Jobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ImageService.Storage.Aws;

public static class AwsBackendServiceCollectionExtensions
{
    /// <summary>The AWS backend's one registration: every Core port it implements (images, blobs, uploads, large-result
    /// links, CDN, accounts, usage, rate limits, jobs and their SQS queue), the provisioners, and how it wants usage written. It maps no HTTP
    /// endpoints: S3 receives uploads and serves large results itself.</summary>
    public static IServiceCollection AddAwsBackend(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAwsStorage(configuration).AddAwsAccountStores(configuration).AddAwsJobs(configuration);
        services.AddSingleton<DynamoDbAccountsProvisioner>();
        // A Lambda instance is frozen between invocations: every request writes its own atomic ADD.
        services.AddSingleton(new UsageWritePolicy(Coalesce: false));
        return services;
    }
}
