using ImageService.Storage.Aws;
using ImageService.Storage.Aws.Accounts;

namespace ImageService.Api.Hosting;

/// <summary><c>provision</c>: creates the DynamoDB tables (with their indexes) and the S3 bucket on the configured
/// endpoint when they are absent — for LocalStack and the emulators; in AWS the CDK stack owns them. The embedded
/// backend creates its files on first use, so there is nothing to do for it.</summary>
internal static class ProvisionCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        if (StorageBackendOptions.From(builder.Configuration).Backend != StorageBackend.Aws)
        {
            Console.Out.WriteLine($"{StorageBackendOptions.Key} is Local: the embedded backend creates its data directory on first use; nothing to provision.");
            return 0;
        }
        builder.Services.AddStorage(builder.Configuration);
        await using var services = builder.Services.BuildServiceProvider();
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            services.GetRequiredService<Amazon.DynamoDBv2.IAmazonDynamoDB>();
            services.GetRequiredService<Amazon.S3.IAmazonS3>();
        }
        catch (Amazon.Runtime.AmazonClientException ex)
        {
            // The SDK says "No RegionEndpoint or ServiceURL configured"; name the settings that fix it.
            Console.Error.WriteLine($"Cannot reach AWS: {ex.Message}. Set AWS_REGION (or Storage:Aws:Region) for AWS, or "
                + "AWS_ENDPOINT_URL for LocalStack and the emulators (see README, \"LocalStack and the emulators\").");
            return 1;
        }
        try
        {
            await services.GetRequiredService<AwsProvisioner>().ProvisionAsync(cancellation.Token);
            var accounts = services.GetRequiredService<DynamoDbAccountsOptions>();
            await services.GetRequiredService<DynamoDbAccountsProvisioner>().EnsureTableAsync(cancellation.Token);
            var storage = services.GetRequiredService<AwsStorageOptions>();
            Console.Out.WriteLine($"Provisioned table {storage.TableName}, table {accounts.TableName} and bucket {storage.BucketName}.");
            return 0;
        }
        catch (Exception ex) when (ex is Amazon.Runtime.AmazonServiceException or HttpRequestException or OperationCanceledException)
        {
            Console.Error.WriteLine($"Provisioning failed: {ex.Message}");
            return 1;
        }
    }
}
