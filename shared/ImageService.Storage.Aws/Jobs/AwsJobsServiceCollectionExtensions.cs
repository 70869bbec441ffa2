using Amazon.DynamoDBv2;
using ImageService.Core.Jobs;
using ImageService.Core.Workflows;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ImageService.Storage.Aws.Jobs;

public static class AwsJobsServiceCollectionExtensions
{
    /// <summary>Registers the DynamoDB job store, the SQS queue and the Secrets Manager reader (settings from
    /// <c>Storage:Aws:Jobs</c>). Needs the AWS storage registration (options, DynamoDB client).</summary>
    public static IServiceCollection AddAwsJobs(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<AwsJobsOptions>().BindConfiguration(AwsJobsOptions.SectionName);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<AwsJobsOptions>>().Value);
        services.AddSingleton(sp => AwsClients.CreateSqs(sp.GetRequiredService<AwsStorageOptions>(), sp.GetRequiredService<AwsJobsOptions>().SqsServiceUrl, configuration));
        services.AddSingleton<IJobStore>(sp => new DynamoDbJobStore(sp.GetRequiredService<IAmazonDynamoDB>(), sp.GetRequiredService<AwsJobsOptions>()));
        services.AddSingleton<IJobQueue>(sp => new SqsJobQueue(new Lazy<Amazon.SQS.IAmazonSQS>(sp.GetRequiredService<Amazon.SQS.IAmazonSQS>), sp.GetRequiredService<AwsJobsOptions>()));
        services.AddSingleton<DynamoDbJobsProvisioner>();
        services.AddSingleton<ISecretReader>(sp => new SecretsManagerSecretReader(sp.GetRequiredService<IHttpClientFactory>(),
            sp.GetRequiredService<AwsStorageOptions>(), configuration, TimeProvider.System));
        // The worker is the Lambda function fed by the queue's event source, never a poller in an API process.
        services.AddSingleton(new JobWorkerPolicy(InProcess: false));
        return services;
    }
}
